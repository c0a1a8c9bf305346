import { Gauge, type Registry } from "prom-client";
import { OCSP_AGE_BANDS, type DatabaseSnapshot, type WholeCaCounts } from "./database-snapshot";

const seconds = (ms: number) => ms / 1000;

/**
 * The gauges read from the database at scrape time. Values are set from one snapshot per scrape
 * (render-metrics.ts reads it once and shares it between concurrent scrapes), not by a query per
 * gauge: one batch of indexed queries, and a failing database drops them all together while
 * `portal_database_up` says 0.
 */
export function createDatabaseGauges(registry: Registry) {
  const gauge = <L extends string = never>(name: string, help: string, labelNames: readonly L[] = []) => new Gauge<L>({ name, help, labelNames, registers: [registry] });
  return {
    up: gauge("portal_database_up", "1 when this scrape read the database, 0 when it failed or took too long (the database gauges are then absent)."),
    readSeconds: gauge("portal_metrics_database_read_seconds", "How long this scrape's database reads took."),
    countsAge: gauge("portal_ca_counts_age_seconds", "Age of the whole-CA counts (portal_certificates, portal_ocsp_presigned_responses): they scan the tables, so they are re-read at most every five minutes."),
    certificates: gauge("portal_certificates", "Certificates by issuing CA and status (ISSUED, ACTIVE, SUSPENDED, REVOKED, EXPIRED); their sum per CA is every certificate it issued.", ["ca", "status"]),
    revokedLastDay: gauge("portal_revocations_last_24h", "Certificates revoked in the last 24 hours."),
    ocspByAge: gauge("portal_ocsp_presigned_responses", "Pre-signed OCSP responses by age (since producedAt); re-signed at half their one-day validity, so nothing should be past 12h.", ["age"]),
    ocspOldest: gauge("portal_ocsp_presigned_oldest_age_seconds", "Age of the oldest pre-signed OCSP response."),
    ocspExpired: gauge("portal_ocsp_presigned_expired", "Pre-signed OCSP responses past their nextUpdate (should be 0)."),
    crlAge: gauge("portal_crl_age_seconds", "Age of the stored CRL of each CA and shard (since thisUpdate).", ["ca", "shard"]),
    crlLeft: gauge("portal_crl_seconds_to_next_update", "Time until the stored CRL's nextUpdate (negative: relying parties see an expired CRL).", ["ca", "shard"]),
    crlNumber: gauge("portal_crl_number", "CRL number of the stored CRL of each CA and shard.", ["ca", "shard"]),
    clocks: gauge("portal_revocation_clocks_open", "Compliant revocation requests not yet carried out (clause 1.4's 24 hours), by SLA state: ok, dueSoon (under 4 hours left), overdue.", ["state"]),
    clockLeast: gauge("portal_revocation_clock_least_seconds_left", "Time left on the most urgent open revocation clock (negative when overdue); absent when none is open."),
    awaiting: gauge("portal_revocation_requests_awaiting_confirmation", "Revocation and hold-release requests waiting for the requester's identity to be confirmed (their clock has not started)."),
    outboxPending: gauge("portal_outbox_pending", "Mails waiting in the outbox (PENDING)."),
    outboxOldest: gauge("portal_outbox_oldest_pending_age_seconds", "Age of the oldest pending mail; absent when none waits."),
    outboxFailed: gauge("portal_outbox_failed", "Mails given up on (FAILED)."),
    jobRuns: gauge("portal_job_runs_last_24h", "Runs of each periodic job started in the last 24 hours, across all instances.", ["job"]),
    jobFailures: gauge("portal_job_failures_last_24h", "Failed runs of each periodic job in the last 24 hours.", ["job"]),
    jobLastSuccess: gauge("portal_job_last_success_timestamp_seconds", "When each job's last successful run finished (Unix time); absent if it never succeeded.", ["job"]),
    jobLastFailed: gauge("portal_job_last_run_failed", "1 when the job's last finished run failed.", ["job"]),
  };
}

export type DatabaseGauges = ReturnType<typeof createDatabaseGauges>;

/**
 * Clears every database gauge so it prints no sample: labelled ones lose their series (a deleted
 * shard or job does not linger), and unlabelled ones are removed too, since reset() alone would
 * leave them printing 0 (an outbox of 0 while the database is down would be a lie).
 */
export function clearDatabaseGauges(g: DatabaseGauges): void {
  for (const [name, metric] of Object.entries(g)) {
    if (name === "up" || name === "readSeconds") continue;
    metric.reset();
    // labelNames is the constructor's option, kept by prom-client on the metric.
    if ((metric as unknown as { labelNames: readonly string[] }).labelNames.length === 0) metric.remove();
  }
}

/** Sets the gauges from one snapshot, ages measured from `now` (the request clock). */
export function applySnapshot(g: DatabaseGauges, snap: DatabaseSnapshot, counts: WholeCaCounts | undefined, now: Date): void {
  clearDatabaseGauges(g);
  const t = now.getTime();
  // Absent until the first whole-CA read has finished (on a very large CA it may outlast a scrape).
  if (counts) {
    g.countsAge.set(seconds(t - counts.readAt.getTime()));
    for (const c of counts.certificates) g.certificates.set({ ca: c.ca, status: c.status }, c.count);
    for (const b of OCSP_AGE_BANDS) g.ocspByAge.set({ age: b.label }, counts.ocspByAge[b.label]);
  }
  g.revokedLastDay.set(snap.revokedLastDay);
  if (snap.ocsp.oldestProducedAt) g.ocspOldest.set(seconds(t - snap.ocsp.oldestProducedAt.getTime()));
  g.ocspExpired.set(snap.ocsp.expired);
  for (const s of snap.crlShards) {
    const labels = { ca: s.ca, shard: String(s.shard) };
    g.crlNumber.set(labels, s.crlNumber);
    if (s.thisUpdate) g.crlAge.set(labels, seconds(t - s.thisUpdate.getTime()));
    if (s.nextUpdate) g.crlLeft.set(labels, seconds(s.nextUpdate.getTime() - t));
  }
  const rc = snap.revocationClocks;
  g.clocks.set({ state: "ok" }, rc.ok);
  g.clocks.set({ state: "dueSoon" }, rc.dueSoon);
  g.clocks.set({ state: "overdue" }, rc.overdue);
  if (rc.earliestDueAt) g.clockLeast.set(seconds(rc.earliestDueAt.getTime() - t));
  g.awaiting.set(rc.awaitingConfirmation);
  g.outboxPending.set(snap.outbox.pending);
  if (snap.outbox.oldestPendingAt) g.outboxOldest.set(seconds(t - snap.outbox.oldestPendingAt.getTime()));
  g.outboxFailed.set(snap.outbox.failed);
  for (const j of snap.jobs) {
    g.jobRuns.set({ job: j.job }, j.runsLastDay);
    g.jobFailures.set({ job: j.job }, j.failuresLastDay);
    g.jobLastFailed.set({ job: j.job }, j.lastRunFailed ? 1 : 0);
    if (j.lastSuccessAt) g.jobLastSuccess.set({ job: j.job }, seconds(j.lastSuccessAt.getTime()));
  }
}
