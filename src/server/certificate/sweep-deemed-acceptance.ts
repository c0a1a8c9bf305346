import { randomUUID } from "node:crypto";
import { deriveCertificateState } from "@/domain/certificate";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { appendAuditEvent } from "@/server/core/audit";
import type { Clock } from "@/server/core/context";
import { enqueueNotification } from "@/server/core/outbox";
import { supersedePredecessorOnAcceptance } from "@/server/renewal/supersede-predecessor";
import { publishCertificateStatus } from "@/server/revocation/publish-status";
import { lockCertificate } from "./certificate-access";
import { certificateFacts } from "./certificate-facts";

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
  const holder = opts.holder ?? randomUUID();
  const startedAt = clock.now();
  await db.jobLease.upsert({ where: { name: DEEMED_ACCEPTANCE_JOB }, create: { name: DEEMED_ACCEPTANCE_JOB }, update: {} });
  const leased = await db.$executeRaw`
    UPDATE "JobLease" SET "holder" = ${holder}, "leasedUntil" = ${new Date(startedAt.getTime() + LEASE_MS)}, "lastStartedAt" = ${startedAt}
    WHERE "name" = ${DEEMED_ACCEPTANCE_JOB} AND ("leasedUntil" IS NULL OR "leasedUntil" <= ${startedAt} OR "holder" = ${holder})`;
  if (leased === 0) return { ran: false, recorded: [] };

  const recorded: string[] = [];
  const toPublish: string[] = [];
  let error: string | null = null;
  try {
    const due = await db.certificate.findMany({
      where: { acceptanceKind: null, receiptAt: { not: null }, testWindowProvisional: false, testWindowDeadline: { lte: startedAt }, revokedAt: null },
      select: { id: true },
      orderBy: { testWindowDeadline: "asc" },
      take: opts.batchSize ?? 500,
    });
    for (const { id } of due) {
      const done = await db.$transaction(async (tx) => {
        const cert = await lockCertificate(tx, id);
        if (cert.acceptanceKind) return false;
        const now = clock.now();
        const state = deriveCertificateState(certificateFacts(cert), now);
        if (state.acceptance?.kind !== "DEEMED") return false;
        await tx.certificate.update({ where: { id }, data: { acceptanceKind: "DEEMED", acceptedAt: state.acceptance.at, status: "ACTIVE" } });
        // A replacement deemed accepted supersedes its predecessor, as an explicit acceptance does.
        const superseded = await supersedePredecessorOnAcceptance(tx, id, now);
        if (superseded?.revoked) toPublish.push(superseded.oldCertificateId);
        const to = cert.subscriberUserId
          ? await tx.user.findUnique({ where: { id: cert.subscriberUserId }, select: { id: true, email: true, locale: true } })
          : cert.applicationId
            ? (await tx.application.findUnique({ where: { id: cert.applicationId }, select: { applicant: { select: { id: true, email: true, locale: true } } } }))?.applicant
            : null;
        if (to) {
          await enqueueNotification(
            tx,
            {
              userId: to.id,
              toAddress: to.email,
              locale: to.locale,
              template: "certificate.deemed-accepted",
              payload: { certificateId: id, acceptedAt: state.acceptance.at.toISOString(), path: `/certificates/${id}` },
              dedupeKey: `deemed-acceptance:${id}`,
            },
            now,
          );
        }
        await appendAuditEvent(tx, {
          at: now,
          actorId: null,
          actorRoles: ["SYSTEM"],
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
        return true;
      });
      if (done) recorded.push(id);
    }
    // After the commits: OCSP and CRL of the certificates that were superseded.
    for (const oldId of toPublish) await publishCertificateStatus({ db, clock }, oldId);
  } catch (e) {
    error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : "unknown";
    throw e;
  } finally {
    const finishedAt = clock.now();
    await db.jobLease.update({ where: { name: DEEMED_ACCEPTANCE_JOB }, data: { leasedUntil: null, lastFinishedAt: finishedAt, lastError: error } });
    await db.sweepRun.create({
      data: { job: DEEMED_ACCEPTANCE_JOB, startedAt, finishedAt, ok: error === null, outcome: { recorded: recorded.length, certificateIds: recorded } as Prisma.InputJsonValue },
    });
  }
  return { ran: true, recorded };
}
