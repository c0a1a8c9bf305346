import type { PrismaClient } from "@/generated/prisma/client";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";
import { caOf, publishCertificateStatus } from "@/server/ca-service";
import { supersedePredecessorOnAcceptance } from "./supersede-predecessor";

export const SUPERSESSION_JOB = "renewal.supersession";
export const SUPERSESSION_INTERVAL_MS = 5 * 60_000;
const LEASE_MS = 10 * 60_000;

export interface SupersessionOutcome {
  ran: boolean;
  examined: number;
  superseded: string[];
  resolvedTargets: number;
}

/**
 * The safety net behind the acceptance hook: finds accepted replacement certificates whose
 * predecessor is still valid and not revoked (an acceptance recorded by code that does not call
 * supersedePredecessorOnAcceptance yet, or a deemed acceptance recorded by the sweep) and
 * supersedes it, one certificate per transaction with its own audit event, then publishes the
 * old certificate's status. Idempotent (a superseded certificate is revoked and drops out of the
 * query); one instance at a time (JobLease "renewal.supersession").
 */
export async function sweepSupersession(db: PrismaClient, clock: Clock, opts: { batchSize?: number; publish?: boolean } = {}): Promise<SupersessionOutcome> {
  const run = await runExclusively(db, clock, { job: SUPERSESSION_JOB, leaseMs: LEASE_MS }, () => supersedeAll(db, clock, opts.batchSize ?? 500, opts.publish ?? true), (r) => ({
    examined: r.examined,
    superseded: r.superseded.length,
    certificateIds: r.superseded.slice(0, 200),
    resolvedTargets: r.resolvedTargets,
  }));
  return run.ran ? run.result : { ran: false, examined: 0, superseded: [], resolvedTargets: 0 };
}

async function supersedeAll(db: PrismaClient, clock: Clock, batchSize: number, publish: boolean): Promise<SupersessionOutcome> {
  const now = clock.now();
  const outcome: SupersessionOutcome = { ran: true, examined: 0, superseded: [], resolvedTargets: 0 };
  const due = await db.certificate.findMany({
    where: {
      acceptanceKind: { not: null },
      revokedAt: null,
      application: { is: { replacesCertificate: { is: { revokedAt: null, notAfter: { gt: now } } } } },
    },
    select: { id: true },
    orderBy: { acceptedAt: "asc" },
    take: batchSize,
  });
  for (const { id } of due) {
    outcome.examined += 1;
    const r = await supersedePredecessor({ db, clock }, id);
    if (r?.revoked) {
      outcome.superseded.push(r.oldCertificateId);
      outcome.resolvedTargets += r.resolvedTargets;
      if (publish) await publishCertificateStatus({ db, clock, ca: caOf(db) }, r.oldCertificateId);
    }
  }
  return outcome;
}

/**
 * The predecessor of one accepted certificate. Only a revocation is recorded: a predecessor
 * superseded by another replacement, revoked before or expired is left as it is (the pointer and
 * the update-notice targets it may still set are bookkeeping of that earlier event).
 */
const supersedePredecessor = defineSystemTask({
  name: "renewal.supersede-predecessor",
  async run(s, id: string) {
    const result = await supersedePredecessorOnAcceptance(s.tx, id, s.now);
    if (!result?.revoked) {
      s.nothingToRecord();
      return result;
    }
    s.audit({
      action: "certificate.superseded",
      subjectType: "Certificate",
      subjectId: result.oldCertificateId,
      summary: { supersededBy: id, reason: "SUPERSEDED", resolvedUpdateTargets: result.resolvedTargets },
    });
    return result;
  },
});
