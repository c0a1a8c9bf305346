import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { emailKey } from "@/server/shared";
import { type Clock, type Tx, defineSystemTask, runExclusively } from "@/server/core";
import type { DeletionOutcome } from "./deletion-outcome";
import { anonymiseRetainedRecords, eraseContactData } from "./internal/erase-personal-data";
import { loadRetentionPolicy, retentionEndFor, type RetentionPolicy } from "./internal/retention-policy";

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
 * windows past their use. Each step is conditioned on the state it changes and is a transaction of
 * its own with its audit event (ids and counts only; the audit log itself is never rewritten), so
 * a second run does nothing and a failing subscriber does not hold back the others; one instance at
 * a time (JobLease, recorded in SweepRun).
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
  // Every step of one run is written at the run's instant, as the retention ends were measured from it.
  const deps = { db, clock: { now: () => new Date(now) } satisfies Clock };
  const report: RetentionSweepReport = { ran: true, contactErased: [], retentionEnded: [], signInAttemptsDeleted: 0, rateLimitBucketsDeleted: 0 };
  const policy = await loadRetentionPolicy(db);

  const requests = await db.privacyRequest.findMany({
    where: { kind: "DELETION", status: "IN_PROGRESS" },
    orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
    select: { id: true, userId: true },
  });
  for (const request of requests) {
    const contact = await eraseContactWhenFree(deps, { requestId: request.id, policy });
    if (contact === "still-needed") continue;
    if (contact === "erased") report.contactErased.push(request.userId);
    if ((await endRetentionWhenDue(deps, { requestId: request.id, policy })) === "ended") report.retentionEnded.push(request.userId);
  }

  // Housekeeping without evidence value: no audit event, as before.
  const attemptsBefore = new Date(now.getTime() - policy.signInAttemptDays * 86_400_000);
  report.signInAttemptsDeleted = (await db.signInAttempt.deleteMany({ where: { at: { lt: attemptsBefore } } })).count;
  report.rateLimitBucketsDeleted = (await db.rateLimitBucket.deleteMany({ where: { expiresAt: { lt: now } } })).count;
  return report;
}

type Step = { requestId: string; policy: RetentionPolicy };

/** Loads the request under its row lock, so two sweeps take each step once. */
async function lockRequest(tx: Tx, requestId: string) {
  await tx.$queryRaw`SELECT "id" FROM "PrivacyRequest" WHERE "id" = ${requestId} FOR UPDATE`;
  return tx.privacyRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { user: { select: { id: true, email: true, anonymisedAt: true } } },
  });
}

/**
 * The e-mail address goes once no certificate of the subscriber is valid and no mail to them is
 * pending. "still-needed" holds the request back from the end of retention too.
 */
const eraseContactWhenFree = defineSystemTask({
  name: "privacy.erase-contact",
  async run(s, { requestId, policy }: Step): Promise<"erased" | "erased-before" | "still-needed"> {
    const request = await lockRequest(s.tx, requestId);
    const user = request.user;
    if (request.status !== "IN_PROGRESS" || user.anonymisedAt) {
      s.nothingToRecord();
      return "erased-before";
    }
    const { certificateIds } = await retentionEndFor(s.tx, user.id, policy);
    const stillValid = await s.tx.certificate.count({ where: { id: { in: certificateIds }, revokedAt: null, notAfter: { gt: s.now } } });
    const pendingMail = await s.tx.notification.count({ where: { userId: user.id, status: "PENDING" } });
    if (stillValid > 0 || pendingMail > 0) {
      s.nothingToRecord();
      return "still-needed";
    }
    await eraseContactData(s.tx, user, s.now, emailKey(user.email));
    s.audit({ action: "privacy.contact-erased", subjectType: "PrivacyRequest", subjectId: request.id, summary: { userId: user.id } });
    return "erased";
  },
});

/** What was kept for the archive is anonymised once the retention period after the last certificate's expiry has passed; the request is then COMPLETED. */
const endRetentionWhenDue = defineSystemTask({
  name: "privacy.end-retention",
  async run(s, { requestId, policy }: Step): Promise<"ended" | "kept"> {
    const request = await lockRequest(s.tx, requestId);
    const user = request.user;
    const { keepUntil } = await retentionEndFor(s.tx, user.id, policy);
    if (request.status !== "IN_PROGRESS" || (keepUntil && keepUntil > s.now)) {
      s.nothingToRecord();
      return "kept";
    }
    const counts = await anonymiseRetainedRecords(s.tx, user.id, s.now);
    const outcome = { ...((request.outcome ?? {}) as unknown as DeletionOutcome), completedAt: s.now.toISOString(), keepUntil: null };
    await s.tx.privacyRequest.update({
      where: { id: request.id },
      data: { status: "COMPLETED", completedAt: s.now, outcome: outcome as unknown as Prisma.InputJsonValue },
    });
    s.audit({
      action: "privacy.retention-ended",
      subjectType: "PrivacyRequest",
      subjectId: request.id,
      summary: { userId: user.id, keepUntil: keepUntil?.toISOString() ?? null, ...counts },
    });
    return "ended";
  },
});
