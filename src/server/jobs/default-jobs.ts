import { settings as processSettings, type Settings } from "@/config/settings";
import { APPROVAL_EXPIRY_INTERVAL_MS, sweepExpiredApprovals } from "@/server/approval";
import { caOf, refreshStaleCrls } from "@/server/ca-service";
import { sweepDeemedAcceptance, sweepTestWindowReminders, TEST_WINDOW_REMINDER_INTERVAL_MS } from "@/server/certificate";
import { sweepRetention } from "@/server/privacy";
import { PROBLEM_REPORT_ALERT_INTERVAL_MS, sweepProblemReportAlerts } from "@/server/problem-report";
import { DEFAULT_EXPIRY_REMINDER_DAYS, EXPIRY_REMINDER_INTERVAL_MS, sweepExpiryReminders, SUPERSESSION_INTERVAL_MS, sweepSupersession } from "@/server/renewal";
import { REVOCATION_BATCH_INTERVAL_MS, REVOCATION_SLA_SWEEP_INTERVAL_MS, sweepRevocationBatches, sweepRevocationSlaAlerts } from "@/server/revocation";
import { UPDATE_NOTICE_DEADLINE_INTERVAL_MS, sweepUpdateNoticeDeadlines } from "@/server/update-notice";
import type { ScheduledJob } from "./scheduler";

const MINUTE = 60_000;

/**
 * The periodic work of the portal (issue 5, "Periodic work"), in the order it should run after
 * a start: deemed acceptance before supersession (a deemed acceptance supersedes the old
 * certificate), supersession before the update-notice deadlines (an accepted replacement resolves
 * its target, so it is not revoked), and both before the CRL refresh. Sweeps that lease themselves are marked
 * "self"; the others get a JobLease and a SweepRun from the scheduler.
 *
 * Settings (read here, at the edge, not inside the sweeps; validated in src/config/settings.ts):
 * - EXPIRY_REMINDER_DAYS=30,7,1   days before expiry at which subscribers are reminded
 * - JOB_INTERVAL_SCALE=0.1        multiplies every interval (demos and browser tests)
 */
export function defaultJobs(config: Pick<Settings, "jobs"> = processSettings()): ScheduledJob[] {
  const scale = config.jobs.intervalScale;
  const every = (ms: number) => Math.max(1_000, Math.round(ms * scale));
  const reminderDays = config.jobs.expiryReminderDays ?? [...DEFAULT_EXPIRY_REMINDER_DAYS];
  return [
    {
      // CERT: records deemed acceptance (clause 1.8) under its own JobLease and SweepRun.
      name: "certificate.deemed-acceptance",
      intervalMs: every(MINUTE),
      locking: { by: "self" },
      run: (db, clock) => sweepDeemedAcceptance(db, clock),
    },
    {
      // Issue 15: the reminder on the test window's last day, before silence becomes acceptance (own JobLease).
      name: "certificate.test-window-reminders",
      intervalMs: every(TEST_WINDOW_REMINDER_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepTestWindowReminders(db, clock),
    },
    {
      name: "renewal.supersession",
      intervalMs: every(SUPERSESSION_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepSupersession(db, clock),
    },
    {
      // REVOKE: alerts RA officers before the 24-hour revocation deadline (own JobLease).
      name: "revocation.sla-alerts",
      intervalMs: every(REVOCATION_SLA_SWEEP_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepRevocationSlaAlerts(db, clock),
    },
    {
      // Certificate problem reports: alerts RA officers before the 24-hour preliminary report is due (own JobLease).
      name: "problem-report.preliminary-alerts",
      intervalMs: every(PROBLEM_REPORT_ALERT_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepProblemReportAlerts(db, clock),
    },
    {
      name: "renewal.expiry-reminders",
      intervalMs: every(EXPIRY_REMINDER_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepExpiryReminders(db, clock, { days: reminderDays }),
    },
    {
      // Clause 4: the reminder before an update notice's deadline, then revocation of what was not
      // updated when the notice says so (own JobLease; publishes each revoked certificate's status).
      name: "update-notice.deadlines",
      intervalMs: every(UPDATE_NOTICE_DEADLINE_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepUpdateNoticeDeadlines(db, clock),
    },
    {
      // Issue 14 item 6: approved batch revocations, chunk by chunk, then OCSP and the CRL shards
      // they touched once at the end (own JobLease: one instance works a batch).
      name: "revocation.batches",
      intervalMs: every(REVOCATION_BATCH_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepRevocationBatches(db, clock),
    },
    {
      // CERT's ca-service: re-signs CRL shards older than an hour. Each shard is re-signed under
      // its row lock, so the lease only saves duplicate signing work.
      name: "ca.crl-refresh",
      intervalMs: every(5 * MINUTE),
      locking: { by: "scheduler", leaseMs: 10 * MINUTE },
      run: async (db, clock) => {
        if ((await db.issuingCa.count()) === 0) return { refreshed: 0, skipped: "no CA hierarchy" };
        const ca = await caOf(db)();
        return { refreshed: await refreshStaleCrls(db, ca, clock.now()) };
      },
    },
    {
      // Every instance keeps its own pre-signed OCSP responses in memory, so every instance runs
      // this (no lease): responses near expiry are re-signed, and so are those of certificates
      // whose status another instance changed (a revocation there reaches this cache within a tick).
      name: "ca.ocsp-refresh",
      intervalMs: every(MINUTE),
      locking: { by: "self" },
      run: async (db) => {
        if ((await db.issuingCa.count()) === 0) return { resigned: 0, skipped: "no CA hierarchy" };
        return { resigned: await (await caOf(db)()).refreshOcspCache() };
      },
    },
    {
      // Dual control: pending approval requests past their expiry are marked EXPIRED and audited (own JobLease).
      name: "approval.expiry",
      intervalMs: every(APPROVAL_EXPIRY_INTERVAL_MS),
      locking: { by: "self" },
      run: (db, clock) => sweepExpiredApprovals(db, clock),
    },
    {
      // PUBLIC: erasure and anonymisation whose time has come (clause 6), in one transaction
      // under its own lease.
      name: "privacy.retention",
      intervalMs: every(60 * MINUTE),
      locking: { by: "self" },
      run: (db, clock) => sweepRetention(db, clock),
    },
  ];
}
