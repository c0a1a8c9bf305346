import { CA_GROUND_REASONS, revocationDue } from "@/domain/revocation";
import { MISSED_UPDATE_GROUND, MISSED_UPDATE_REASON, deadlineStep, updateReminderAt } from "@/domain/update-notice";
import type { PrismaClient } from "@/generated/prisma/client";
import { caOf, publishCertificateStatus } from "@/server/ca-service";
import { loadWorkCalendar } from "@/server/calendar";
import { type Clock, type Tx, defineSystemTask, runExclusively } from "@/server/core";
import { revokeCertificate } from "@/server/revocation";
import { certificateRecipients, lockCertificate } from "@/server/shared";
import { recipientsByPerson } from "./internal/recipients-by-person";

export const UPDATE_NOTICE_DEADLINE_JOB = "update-notice.deadlines";
export const UPDATE_NOTICE_DEADLINE_INTERVAL_MS = 15 * 60_000;
const LEASE_MS = 10 * 60_000;

/** The reminder mail for each consequence (the consequence is told in the mail's own words). */
export const UPDATE_REMINDER_TEMPLATES = { REVOKE: "update-notice.reminder", NO_ACTION: "update-notice.reminder-no-revocation" } as const;

/**
 * A replacement application in one of these states means the update is under way: at the
 * deadline the certificate is left alone until that application ends. Accepted, its target is
 * resolved; rejected or cancelled, the next run revokes. A DRAFT is not an update under way.
 */
const UPDATE_UNDER_WAY = ["SUBMITTED", "NEEDS_INFO", "APPROVED", "ISSUED"] as const;

export interface UpdateDeadlineOutcome {
  ran: boolean;
  /** Notices whose reminder was sent by this run. */
  reminded: string[];
  /** Certificates this run revoked at a notice's deadline. */
  revoked: string[];
  /** Certificates past a deadline left alone because their update is under way. */
  deferred: string[];
}

/**
 * The deadline of CA-ordered updates (clause 4), as src/domain/update-notice decides it: one
 * reminder per notice (working days counted with the statutory calendar, from the injected
 * clock), then at the deadline, for notices whose consequence is REVOKE, each certificate still
 * not updated is revoked by the CA on clause 3 ground (5) as superseded, audited
 * ("update-notice.revoked-at-deadline"), mailed, and its status published. Certificates updated,
 * revoked or expired are left alone. Idempotent: the reminder is claimed by `remindedAt`, a
 * revocation by the certificate's row lock and `lapsedAt`; a second run does nothing. One
 * instance at a time (JobLease "update-notice.deadlines"); { ran: false } when another holds it.
 */
export async function sweepUpdateNoticeDeadlines(db: PrismaClient, clock: Clock, opts: { publish?: boolean; batchSize?: number } = {}): Promise<UpdateDeadlineOutcome> {
  const run = await runExclusively(db, clock, { job: UPDATE_NOTICE_DEADLINE_JOB, leaseMs: LEASE_MS }, () => sweep(db, clock, opts.publish ?? true, opts.batchSize ?? 500), (r) => ({
    reminded: r.reminded.length,
    revoked: r.revoked.length,
    deferred: r.deferred.length,
    certificateIds: r.revoked.slice(0, 200),
  }));
  return run.ran ? run.result : { ran: false, reminded: [], revoked: [], deferred: [] };
}

async function sweep(db: PrismaClient, clock: Clock, publish: boolean, batchSize: number): Promise<UpdateDeadlineOutcome> {
  const now = clock.now();
  const outcome: UpdateDeadlineOutcome = { ran: true, reminded: [], revoked: [], deferred: [] };
  const calendar = await loadWorkCalendar(db);

  // Notices not reminded yet, in batches by id (most are waiting for their reminder day).
  for (let after: string | undefined; ; ) {
    const unreminded = await db.updateNotice.findMany({
      where: { remindedAt: null, deadline: { gt: now }, ...(after ? { id: { gt: after } } : {}) },
      select: { id: true, createdAt: true, deadline: true, consequence: true, remindedAt: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const n of unreminded) {
      if (deadlineStep(n, updateReminderAt(n.deadline, calendar), now) !== "remind") continue;
      if (await remindNotice({ db, clock }, n.id)) outcome.reminded.push(n.id);
    }
    if (unreminded.length < batchSize) break;
    after = unreminded[unreminded.length - 1]!.id;
  }

  // In batches by id: deferred targets stay due run after run and must not crowd out the others.
  let cursor: string | undefined;
  for (;;) {
    const due = await db.updateNoticeTarget.findMany({
      where: {
        resolvedAt: null,
        lapsedAt: null,
        notice: { consequence: "REVOKE", deadline: { lte: now } },
        certificate: { revokedAt: null, notAfter: { gt: now } },
        ...(cursor ? { id: { gt: cursor } } : {}),
      },
      select: { id: true },
      orderBy: { id: "asc" },
      take: batchSize,
    });
    for (const { id } of due) {
      const r = await revokeMissedUpdate({ db, clock }, id);
      if (r.kind === "revoked") {
        outcome.revoked.push(r.certificateId);
        if (publish) await publishCertificateStatus({ db, clock, ca: caOf(db) }, r.certificateId);
      } else if (r.kind === "deferred") outcome.deferred.push(r.certificateId);
    }
    if (due.length < batchSize) break;
    cursor = due[due.length - 1]!.id;
  }
  return outcome;
}

const openTargetsWhere = (now: Date) => ({ resolvedAt: null, certificate: { revokedAt: null, notAfter: { gt: now } } });

/** The reminder of one notice: claimed once by remindedAt; every person with a certificate still open gets one mail. */
const remindNotice = defineSystemTask({
  name: "update-notice.remind",
  async run(s, noticeId: string): Promise<boolean> {
    const claimed = await s.tx.updateNotice.updateMany({ where: { id: noticeId, remindedAt: null }, data: { remindedAt: s.now } });
    if (claimed.count === 0) {
      s.nothingToRecord();
      return false;
    }
    const notice = await s.tx.updateNotice.findUniqueOrThrow({
      where: { id: noticeId },
      select: {
        reason: true,
        deadline: true,
        consequence: true,
        targets: {
          where: openTargetsWhere(s.now),
          select: { certificate: { select: { id: true, serialHex: true, subscriberUserId: true, subscriberOrganisationId: true } } },
          orderBy: { certificateId: "asc" },
        },
      },
    });
    const open = notice.targets.map((t) => t.certificate);
    const perRecipient = await recipientsByPerson(s.tx, open);
    for (const [userId, r] of perRecipient) {
      await s.notify({
        userId,
        toAddress: r.email,
        locale: r.locale,
        template: UPDATE_REMINDER_TEMPLATES[notice.consequence],
        payload: { noticeId, reason: notice.reason, deadline: notice.deadline.toISOString(), count: r.serials.length, serials: r.serials.join(", "), path: "/update-notices" },
        dedupeKey: `update-notice-reminder:${noticeId}:${userId}`,
      });
    }
    s.audit({
      action: "update-notice.reminded",
      subjectType: "UpdateNotice",
      subjectId: noticeId,
      summary: { deadline: notice.deadline.toISOString(), consequence: notice.consequence, openCertificateIds: open.map((c) => c.id), recipientIds: [...perRecipient.keys()] },
    });
    return true;
  },
});

type LapseResult = { kind: "revoked" | "deferred" | "nothing"; certificateId: string };

/** One certificate not updated by its notice's deadline, re-checked under the certificate's row lock. */
const revokeMissedUpdate = defineSystemTask({
  name: "update-notice.revoke-missed-update",
  async run(s, targetId: string): Promise<LapseResult> {
    const target = await s.tx.updateNoticeTarget.findUniqueOrThrow({
      where: { id: targetId },
      include: { notice: { select: { id: true, reason: true, deadline: true, consequence: true } } },
    });
    const cert = await lockCertificate(s.tx, target.certificateId);
    const due =
      target.resolvedAt === null &&
      target.lapsedAt === null &&
      target.notice.consequence === "REVOKE" &&
      target.notice.deadline.getTime() <= s.now.getTime() &&
      cert.revokedAt === null &&
      cert.notAfter.getTime() > s.now.getTime();
    if (!due) {
      s.nothingToRecord();
      return { kind: "nothing", certificateId: cert.id };
    }
    if (await updateUnderWay(s.tx, cert.id)) {
      s.nothingToRecord();
      return { kind: "deferred", certificateId: cert.id };
    }
    const ground = CA_GROUND_REASONS[MISSED_UPDATE_GROUND];
    const request = await s.tx.revocationRequest.create({
      data: {
        certificateId: cert.id,
        requestedById: null,
        onBehalfOfOrganisationId: null,
        kind: "CA_INITIATED",
        reasonCode: MISSED_UPDATE_REASON,
        caGround: MISSED_UPDATE_GROUND,
        status: "COMPLIANT",
        receivedAt: s.now,
        compliantAt: s.now,
        dueAt: revocationDue(s.now),
        note: `Update notice ${target.notice.id}: not updated by ${target.notice.deadline.toISOString()} (clause 4). ${target.notice.reason}`.slice(0, 4000),
      },
    });
    const result = await revokeCertificate(s.tx, { certificateId: cert.id, reason: MISSED_UPDATE_REASON, at: s.now, revokedById: null, requestId: request.id });
    await s.tx.revocationRequest.update({ where: { id: request.id }, data: { status: "DONE", doneAt: s.now } });
    await s.tx.updateNoticeTarget.update({ where: { id: target.id }, data: { lapsedAt: s.now } });
    const recipients = await certificateRecipients(s.tx, cert);
    for (const r of recipients) {
      await s.notify({
        userId: r.id,
        toAddress: r.email,
        locale: r.locale,
        template: "update-notice.revoked-at-deadline",
        payload: {
          noticeId: target.notice.id,
          certificateId: cert.id,
          serialHex: cert.serialHex,
          reason: target.notice.reason,
          deadline: target.notice.deadline.toISOString(),
          revokedAt: s.now.toISOString(),
          path: "/update-notices",
        },
        dedupeKey: `update-notice-lapsed:${target.id}:${r.id}`,
      });
    }
    s.audit({
      onBehalfOfId: cert.subscriberOrganisationId,
      action: "update-notice.revoked-at-deadline",
      subjectType: "Certificate",
      subjectId: cert.id,
      summary: {
        noticeId: target.notice.id,
        requestId: request.id,
        revocationId: result.revocation.id,
        serialHex: cert.serialHex,
        deadline: target.notice.deadline.toISOString(),
        ground: MISSED_UPDATE_GROUND,
        clauseItem: ground.clauseItem,
        reason: MISSED_UPDATE_REASON,
        wasSuspended: cert.holdAt !== null,
        notifiedUserIds: recipients.map((r) => r.id),
      },
    });
    return { kind: "revoked", certificateId: cert.id };
  },
});

async function updateUnderWay(tx: Tx, certificateId: string): Promise<boolean> {
  const pending = await tx.application.findMany({ where: { replacesCertificateId: certificateId }, select: { status: true, certificate: { select: { revokedAt: true } } } });
  // An issued replacement counts while it can still be accepted (not revoked, e.g. after an objection).
  return pending.some((a) => (UPDATE_UNDER_WAY as readonly string[]).includes(a.status) && !(a.status === "ISSUED" && (!a.certificate || a.certificate.revokedAt)));
}
