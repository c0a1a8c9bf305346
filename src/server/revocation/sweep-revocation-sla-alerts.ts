import { REVOCATION_DUE_SOON_MS, slaState, type SlaState } from "@/domain/revocation";
import type { PrismaClient } from "@/generated/prisma/client";
import { isRaOfficer } from "@/server/auth";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";

export const REVOCATION_SLA_JOB = "revocation.sla-alerts";
/** How often the lead's scheduler should run the sweep: well inside the 4-hour warning. */
export const REVOCATION_SLA_SWEEP_INTERVAL_MS = 5 * 60_000;
const LEASE_MS = 10 * 60_000;

export interface SlaSweepOutcome {
  /** Requests looked at (compliant, due within 4 hours or overdue). */
  examined: number;
  /** Notifications newly queued (a request alerted before is not alerted again). */
  queued: number;
  alertedRequestIds: string[];
}

/**
 * Alerts RA officers before a revocation deadline (clause 1.4): once when a compliant request
 * has less than 4 hours left, and once more if it becomes overdue. Idempotent (dedupe keys per
 * request, state and officer; a run that finds nothing new writes nothing) and run by one
 * instance at a time (JobLease). Officers attached to an RA are alerted about certificates of
 * that RA's applications; officers attached to none about all.
 * Returns null when another instance holds the lease.
 */
export async function sweepRevocationSlaAlerts(db: PrismaClient, clock: Clock): Promise<SlaSweepOutcome | null> {
  const run = await runExclusively(db, clock, { job: REVOCATION_SLA_JOB, leaseMs: LEASE_MS }, () => alertDueRequests(db, clock));
  return run.ran ? run.result : null;
}

async function alertDueRequests(db: PrismaClient, clock: Clock): Promise<SlaSweepOutcome> {
  const now = clock.now();
  // Every alert of one run is written at the run's instant, as the SLA states were measured from it.
  const atSweepStart: Clock = { now: () => new Date(now) };
  const due = await db.revocationRequest.findMany({
    where: { status: "COMPLIANT", dueAt: { lt: new Date(now.getTime() + REVOCATION_DUE_SOON_MS) } },
    include: { certificate: { select: { serialHex: true, application: { select: { registrationAuthorityId: true } } } } },
    orderBy: { dueAt: "asc" },
  });
  const outcome: SlaSweepOutcome = { examined: due.length, queued: 0, alertedRequestIds: [] };
  if (due.length === 0) return outcome;

  // Roles are filtered here, not in SQL: enum-array filters fail on the PGlite adapter (CONTRACTS.md).
  const officers = (
    await db.user.findMany({ where: { disabledAt: null, anonymisedAt: null }, select: { id: true, email: true, locale: true, roles: true, registrationAuthorityId: true } })
  ).filter(isRaOfficer);

  for (const r of due) {
    const state = slaState(now, r.dueAt!);
    if (state === "ok") continue;
    const ra = r.certificate.application?.registrationAuthorityId ?? null;
    const recipients = officers.filter((o) => o.registrationAuthorityId === null || ra === null || o.registrationAuthorityId === ra);
    const queued = await alertOne({ db, clock: atSweepStart }, { request: r, state, recipients });
    if (queued > 0) {
      outcome.queued += queued;
      outcome.alertedRequestIds.push(r.id);
    }
  }
  return outcome;
}

type DueRequest = { id: string; certificateId: string; dueAt: Date | null; certificate: { serialHex: string } };
type Officer = { id: string; email: string; locale: string };

/** One request's alert in one SLA state: the officers not alerted yet, and its audit event; nothing when all were. */
const alertOne = defineSystemTask({
  name: "revocation.alert-sla",
  async run(s, { request: r, state, recipients }: { request: DueRequest; state: Exclude<SlaState, "ok">; recipients: Officer[] }): Promise<number> {
    const template = state === "overdue" ? "revocation.sla-overdue" : "revocation.sla-due-soon";
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
        payload: { requestId: r.id, certificateId: r.certificateId, serialHex: r.certificate.serialHex, dueAt: r.dueAt!.toISOString(), path: `/ra/revocations/${r.id}` },
        dedupeKey: keyOf(o.id),
      });
    }
    s.audit({
      action: state === "overdue" ? "revocation.sla-overdue-alerted" : "revocation.sla-due-soon-alerted",
      subjectType: "RevocationRequest",
      subjectId: r.id,
      summary: { dueAt: r.dueAt!.toISOString(), officerIds: fresh.map((o) => o.id) },
    });
    return fresh.length;
  },
});
