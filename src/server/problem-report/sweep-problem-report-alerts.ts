import { REVOCATION_DUE_SOON_MS } from "@/domain/revocation";
import { preliminaryClock } from "@/domain/problem-report";
import type { PrismaClient } from "@/generated/prisma/client";
import { activeAccountsWithRole, mayHandleProblemReports } from "@/server/auth";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";

export const PROBLEM_REPORT_ALERT_JOB = "problem-report.preliminary-alerts";
/** As often as the revocation alerts: well inside the 4-hour warning. */
export const PROBLEM_REPORT_ALERT_INTERVAL_MS = 5 * 60_000;
const LEASE_MS = 10 * 60_000;

export interface ProblemReportAlertOutcome {
  examined: number;
  queued: number;
  alertedReportIds: string[];
}

/**
 * Alerts the RA officers before a report's 24-hour clock runs out (Baseline Requirements 4.9.5):
 * once when less than 4 hours remain for the preliminary report, once more when it is overdue,
 * like the revocation deadline alerts. Every officer is alerted (reports are open to all
 * officers); idempotent through the dedupe keys; one instance at a time (JobLease).
 * Returns null when another instance holds the lease.
 */
export async function sweepProblemReportAlerts(db: PrismaClient, clock: Clock): Promise<ProblemReportAlertOutcome | null> {
  const run = await runExclusively(db, clock, { job: PROBLEM_REPORT_ALERT_JOB, leaseMs: LEASE_MS }, () => alertDueReports(db, clock));
  return run.ran ? run.result : null;
}

async function alertDueReports(db: PrismaClient, clock: Clock): Promise<ProblemReportAlertOutcome> {
  const now = clock.now();
  const atSweepStart: Clock = { now: () => new Date(now) };
  const due = await db.problemReport.findMany({
    where: { status: "RECEIVED", preliminaryDueAt: { lt: new Date(now.getTime() + REVOCATION_DUE_SOON_MS) } },
    select: { id: true, reference: true, preliminaryDueAt: true, certificate: { select: { serialHex: true } } },
    orderBy: { preliminaryDueAt: "asc" },
  });
  const outcome: ProblemReportAlertOutcome = { examined: due.length, queued: 0, alertedReportIds: [] };
  if (due.length === 0) return outcome;
  // Officers only: administrators watch their own console.
  const officers = (await activeAccountsWithRole(db, "RA_OFFICER")).filter((u) => mayHandleProblemReports(u));
  for (const r of due) {
    const { state } = preliminaryClock(now, r.preliminaryDueAt);
    if (state === "ok") continue;
    const queued = await alertOne({ db, clock: atSweepStart }, { report: r, state, recipients: officers });
    if (queued > 0) {
      outcome.queued += queued;
      outcome.alertedReportIds.push(r.id);
    }
  }
  return outcome;
}

type DueReport = { id: string; reference: string; preliminaryDueAt: Date; certificate: { serialHex: string } };
type Officer = { id: string; email: string; locale: string };

const alertOne = defineSystemTask({
  name: "problem-report.alert-preliminary",
  async run(s, { report: r, state, recipients }: { report: DueReport; state: "dueSoon" | "overdue"; recipients: Officer[] }): Promise<number> {
    const template = state === "overdue" ? "problem-report.preliminary-overdue" : "problem-report.preliminary-due-soon";
    const keyOf = (officerId: string) => `${template}:${r.id}:${officerId}`;
    const existing = new Set(
      (await s.tx.notification.findMany({ where: { dedupeKey: { in: recipients.map((o) => keyOf(o.id)) } }, select: { dedupeKey: true } })).map((n) => n.dedupeKey),
    );
    const fresh = recipients.filter((o) => !existing.has(keyOf(o.id)));
    if (fresh.length === 0) {
      s.nothingToRecord();
      return 0;
    }
    for (const o of fresh) {
      await s.notify({
        userId: o.id,
        toAddress: o.email,
        locale: o.locale,
        template,
        payload: { reference: r.reference, serialHex: r.certificate.serialHex, dueAt: r.preliminaryDueAt.toISOString(), path: `/ra/problem-reports/${r.id}` },
        dedupeKey: keyOf(o.id),
      });
    }
    s.audit({
      action: state === "overdue" ? "problem-report.preliminary-overdue-alerted" : "problem-report.preliminary-due-soon-alerted",
      subjectType: "ProblemReport",
      subjectId: r.id,
      summary: { dueAt: r.preliminaryDueAt.toISOString(), officerIds: fresh.map((o) => o.id) },
    });
    return fresh.length;
  },
});
