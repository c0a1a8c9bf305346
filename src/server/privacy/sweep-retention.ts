import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { emailKey } from "@/server/account/email";
import { runExclusively } from "@/server/jobs/job-lease";
import { appendAuditEvent } from "@/server/core/audit";
import type { Clock, Tx } from "@/server/core/context";
import type { DeletionOutcome } from "./deletion-outcome";
import { anonymiseRetainedRecords, eraseContactData } from "./erase-personal-data";
import { loadRetentionPolicy, retentionEndFor } from "./retention-policy";

export const RETENTION_JOB = "privacy.retention";
const LEASE_MS = 30 * 60_000;

export interface RetentionSweepReport {
  /** False when another instance held the lease. */
  ran: boolean;
  contactErased: string[];
  retentionEnded: string[];
  signInAttemptsDeleted: number;
  rateLimitBucketsDeleted: number;
}

/**
 * Erases or anonymises what has reached its time, for every deletion request still in progress:
 * the e-mail address once no certificate of the subscriber is valid and no mail to them is
 * pending; everything kept for the archive once the retention period after the last certificate's
 * expiry has passed (then the request is COMPLETED). Also drops sign-in attempts and rate-limit
 * windows past their use. Each step is conditioned on the state it changes, so a second run does
 * nothing; the whole sweep is one transaction, run by one instance at a time (JobLease, recorded in
 * SweepRun). Each subscriber touched gets
 * one audit event (ids and counts only; the audit log itself is never rewritten).
 */
export async function sweepRetention(db: PrismaClient, clock: Clock): Promise<RetentionSweepReport> {
  const run = await runExclusively(db, clock, { job: RETENTION_JOB, leaseMs: LEASE_MS }, () => sweepOnce(db, clock), (r) => ({
    contactErased: r.contactErased.length,
    retentionEnded: r.retentionEnded.length,
    signInAttemptsDeleted: r.signInAttemptsDeleted,
    rateLimitBucketsDeleted: r.rateLimitBucketsDeleted,
  }));
  return run.ran ? run.result : { ran: false, contactErased: [], retentionEnded: [], signInAttemptsDeleted: 0, rateLimitBucketsDeleted: 0 };
}

async function sweepOnce(db: PrismaClient, clock: Clock): Promise<RetentionSweepReport> {
  const now = clock.now();
  return db.$transaction(
    async (tx) => {
      const report: RetentionSweepReport = { ran: true, contactErased: [], retentionEnded: [], signInAttemptsDeleted: 0, rateLimitBucketsDeleted: 0 };
      const policy = await loadRetentionPolicy(tx);

      const requests = await tx.privacyRequest.findMany({
        where: { kind: "DELETION", status: "IN_PROGRESS" },
        orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
        include: { user: { select: { id: true, email: true, anonymisedAt: true } } },
      });
      for (const request of requests) {
        const user = request.user;
        const { keepUntil, certificateIds } = await retentionEndFor(tx, user.id, policy);
        if (!user.anonymisedAt) {
          const stillValid = await tx.certificate.count({ where: { id: { in: certificateIds }, revokedAt: null, notAfter: { gt: now } } });
          const pendingMail = await tx.notification.count({ where: { userId: user.id, status: "PENDING" } });
          if (stillValid > 0 || pendingMail > 0) continue;
          await eraseContactData(tx, user, now, emailKey(user.email));
          await audit(tx, now, "privacy.contact-erased", request.id, { userId: user.id });
          report.contactErased.push(user.id);
        }
        if (keepUntil && keepUntil > now) continue;
        const counts = await anonymiseRetainedRecords(tx, user.id, now);
        const outcome = { ...((request.outcome ?? {}) as unknown as DeletionOutcome), completedAt: now.toISOString(), keepUntil: null };
        await tx.privacyRequest.update({
          where: { id: request.id },
          data: { status: "COMPLETED", completedAt: now, outcome: outcome as unknown as Prisma.InputJsonValue },
        });
        await audit(tx, now, "privacy.retention-ended", request.id, { userId: user.id, keepUntil: keepUntil?.toISOString() ?? null, ...counts });
        report.retentionEnded.push(user.id);
      }

      const attemptsBefore = new Date(now.getTime() - policy.signInAttemptDays * 86_400_000);
      report.signInAttemptsDeleted = (await tx.signInAttempt.deleteMany({ where: { at: { lt: attemptsBefore } } })).count;
      report.rateLimitBucketsDeleted = (await tx.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } })).count;
      return report;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}

async function audit(tx: Tx, now: Date, action: string, requestId: string, summary: Record<string, unknown>) {
  await appendAuditEvent(tx, { at: now, actorId: null, actorRoles: ["SYSTEM"], action, subjectType: "PrivacyRequest", subjectId: requestId, summary });
}

