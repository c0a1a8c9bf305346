import { deriveCertificateState } from "@/domain/certificate";
import type { PrismaClient } from "@/generated/prisma/client";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";
import { supersedePredecessorOnAcceptance } from "@/server/renewal";
import { caOf, publishCertificateStatus } from "@/server/ca-service";
import { lockCertificate, certificateFacts } from "@/server/shared";
import { waitingPartyOf } from "./internal/waiting-party";

export const DEEMED_ACCEPTANCE_JOB = "certificate.deemed-acceptance";
const LEASE_MS = 5 * 60_000;

export interface SweepReport {
  ran: boolean;
  recorded: string[];
}

/**
 * Records deemed acceptance (clause 1.8, last sentence) for certificates whose window closed in
 * silence: the audit event and the subscriber's notification, once. Correctness never waits for
 * this: getCertificateState derives the acceptance from the data at any moment. Safe with many
 * instances: a JobLease lets one run at a time, each certificate is re-checked under its row
 * lock, and the notification's dedupe key makes a repeat harmless. Provisional deadlines are
 * never swept (deriveCertificateState refuses them too).
 */
export async function sweepDeemedAcceptance(db: PrismaClient, clock: Clock, opts: { holder?: string; batchSize?: number } = {}): Promise<SweepReport> {
  const run = await runExclusively(
    db,
    clock,
    { job: DEEMED_ACCEPTANCE_JOB, leaseMs: LEASE_MS, holder: opts.holder },
    () => recordDeemedAcceptances(db, clock, opts.batchSize ?? 500),
    (recorded) => ({ recorded: recorded.length, certificateIds: recorded }),
  );
  return run.ran ? { ran: true, recorded: run.result } : { ran: false, recorded: [] };
}

async function recordDeemedAcceptances(db: PrismaClient, clock: Clock, batchSize: number): Promise<string[]> {
  const startedAt = clock.now();
  const recorded: string[] = [];
  const toPublish: string[] = [];
  const due = await db.certificate.findMany({
    where: { acceptanceKind: null, receiptAt: { not: null }, testWindowProvisional: false, testWindowDeadline: { lte: startedAt }, revokedAt: null },
    select: { id: true },
    orderBy: { testWindowDeadline: "asc" },
    take: batchSize,
  });
  for (const { id } of due) {
    const done = await recordDeemedAcceptance({ db, clock }, id);
    if (done.recorded) recorded.push(id);
    if (done.supersededToPublish) toPublish.push(done.supersededToPublish);
  }
  // After the commits: OCSP and CRL of the certificates that were superseded.
  for (const oldId of toPublish) await publishCertificateStatus({ db, clock, ca: caOf(db) }, oldId);
  return recorded;
}

/** One certificate, re-checked under its row lock: nothing is recorded when it was accepted meanwhile or is not due. */
const recordDeemedAcceptance = defineSystemTask({
  name: "certificate.record-deemed-acceptance",
  async run(s, id: string): Promise<{ recorded: boolean; supersededToPublish: string | null }> {
    const { tx, now } = s;
    const cert = await lockCertificate(tx, id);
    const state = cert.acceptanceKind ? null : deriveCertificateState(certificateFacts(cert), now);
    if (state?.acceptance?.kind !== "DEEMED") {
      s.nothingToRecord();
      return { recorded: false, supersededToPublish: null };
    }
    await tx.certificate.update({ where: { id }, data: { acceptanceKind: "DEEMED", acceptedAt: state.acceptance.at, status: "ACTIVE" } });
    // A replacement deemed accepted supersedes its predecessor, as an explicit acceptance does.
    const superseded = await supersedePredecessorOnAcceptance(tx, id, now);
    const to = await waitingPartyOf(tx, cert);
    if (to) {
      await s.notify({
        userId: to.id,
        toAddress: to.email,
        locale: to.locale,
        template: "certificate.deemed-accepted",
        payload: { certificateId: id, acceptedAt: state.acceptance.at.toISOString(), path: `/certificates/${id}` },
        dedupeKey: `deemed-acceptance:${id}`,
      });
    }
    s.audit({
      onBehalfOfId: cert.subscriberOrganisationId,
      action: "certificate.deemed-accepted",
      subjectType: "Certificate",
      subjectId: id,
      summary: {
        acceptedAt: state.acceptance.at.toISOString(),
        receiptAt: cert.receiptAt?.toISOString() ?? null,
        deadline: cert.testWindowDeadline?.toISOString() ?? null,
        supersededCertificateId: superseded?.oldCertificateId ?? null,
      },
    });
    return { recorded: true, supersededToPublish: superseded?.revoked ? superseded.oldCertificateId : null };
  },
});
