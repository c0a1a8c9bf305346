import { z } from "zod";
import { allowedCertificateAction } from "@/domain/certificate";
import { allowedUpdateTargetActions, updateReminderAt, updateTargetState, type UpdateNoticeConsequence, type UpdateTargetAllowed, type UpdateTargetState } from "@/domain/update-notice";
import type { Prisma } from "@/generated/prisma/client";
import { loadWorkCalendar } from "@/server/calendar";
import { mayActForOrganisation } from "@/server/auth";
import { type Tx, defineQuery } from "@/server/core";
import { certificateFacts } from "@/server/shared";

export const listMyUpdateNoticesInput = z.object({}).strict();

export interface MyUpdateTarget {
  certificateId: string;
  serialHex: string;
  subjectDn: string;
  notAfter: Date;
  organisationId: string | null;
  /** The subscribing organisation's name, for certificates held for one. */
  organisationName: string | null;
  state: UpdateTargetState;
  resolvedAt: Date | null;
  resolvedByCertificateId: string | null;
  resolvedBySerialHex: string | null;
  /** When the certificate was revoked because the deadline passed without an update. */
  lapsedAt: Date | null;
  can: { startUpdate: UpdateTargetAllowed };
  /**
   * Where the update starts: the subscriber's renewal page with rekey chosen, for their own
   * certificates and those of organisations they administer; the agent's renewal page for an
   * organisation they act for only as its agent (the pages each check their own authority).
   */
  updatePath: string;
}

export interface MyUpdateNotice {
  noticeId: string;
  reason: string;
  deadline: Date;
  overdue: boolean;
  /** What happens at the deadline to a certificate not updated (told on the page and in the mails). */
  consequence: UpdateNoticeConsequence;
  /** When the reminder is (or was) due; null when the notice was ordered inside the reminder window. */
  reminderAt: Date | null;
  progress: { total: number; updated: number; open: number; ended: number };
  /** Every certificate of the person the notice names, updated ones included (shown as done). */
  certificates: MyUpdateTarget[];
  /** Kept for callers that only want what is still to do: the open certificates. */
  open: MyUpdateTarget[];
}

/**
 * The update notices that concern the signed-in person (clause 4): those naming their own
 * certificates, and those of organisations they administer or are authorised now to renew, rekey
 * or update for. Each certificate keeps its place once updated (state UPDATED, with the
 * replacement), so the page shows progress rather than a shrinking list; revoked or expired ones
 * show as ENDED (or REVOKED_AT_DEADLINE when the notice's consequence did it). Notices with
 * something still open come first, earliest deadline first; then the settled ones, newest
 * deadline first. For each open certificate `can.startUpdate` says whether the update (a rekey)
 * can be started, from the certificate's own rules.
 */
export const listMyUpdateNotices = defineQuery({
  name: "update-notice.list-mine",
  input: listMyUpdateNoticesInput,
  authorize: "signed-in",
  async run(ctx) {
    const userId = ctx.actor!.userId;
    const { orgIds, administered } = await organisationsActedFor(ctx.db, userId, ctx.now);
    const holds: Prisma.CertificateWhereInput[] = [{ subscriberUserId: userId, subscriberOrganisationId: null }];
    if (orgIds.length > 0) holds.push({ subscriberOrganisationId: { in: orgIds } });
    const targets = await ctx.db.updateNoticeTarget.findMany({
      where: { certificate: { OR: holds } },
      include: {
        notice: { select: { id: true, reason: true, deadline: true, consequence: true, createdAt: true } },
        certificate: { include: { objections: true, subscriberOrganisation: { select: { name: true } } } },
        resolvedByCertificate: { select: { serialHex: true } },
      },
      orderBy: [{ notice: { deadline: "asc" } }, { certificateId: "asc" }],
      take: 500,
    });
    if (targets.length === 0) return [];
    const calendar = await loadWorkCalendar(ctx.db);
    const byNotice = new Map<string, MyUpdateNotice>();
    for (const t of targets) {
      let n = byNotice.get(t.noticeId);
      if (!n) {
        const reminderAt = updateReminderAt(t.notice.deadline, calendar);
        n = {
          noticeId: t.notice.id,
          reason: t.notice.reason,
          deadline: t.notice.deadline,
          overdue: t.notice.deadline.getTime() < ctx.now.getTime(),
          consequence: t.notice.consequence,
          reminderAt: t.notice.createdAt.getTime() < reminderAt.getTime() ? reminderAt : null,
          progress: { total: 0, updated: 0, open: 0, ended: 0 },
          certificates: [],
          open: [],
        };
        byNotice.set(t.noticeId, n);
      }
      const c = t.certificate;
      const facts = {
        resolvedAt: t.resolvedAt,
        lapsedAt: t.lapsedAt,
        certificateRevokedAt: c.revokedAt,
        certificateNotAfter: c.notAfter,
        rekey: allowedCertificateAction("rekey", certificateFacts(c), ctx.now),
      };
      const state = updateTargetState(facts, ctx.now);
      const target: MyUpdateTarget = {
        certificateId: c.id,
        serialHex: c.serialHex,
        subjectDn: c.subjectDn,
        notAfter: c.notAfter,
        organisationId: c.subscriberOrganisationId,
        organisationName: c.subscriberOrganisation?.name ?? null,
        state,
        resolvedAt: t.resolvedAt,
        resolvedByCertificateId: t.resolvedByCertificateId,
        resolvedBySerialHex: t.resolvedByCertificate?.serialHex ?? null,
        lapsedAt: t.lapsedAt,
        can: allowedUpdateTargetActions(facts, ctx.now),
        updatePath: c.subscriberOrganisationId && !administered.has(c.subscriberOrganisationId) ? `/agent/renew/${c.id}` : `/certificates/${c.id}/renew?kind=rekey`,
      };
      n.certificates.push(target);
      n.progress.total += 1;
      if (state === "UPDATED") n.progress.updated += 1;
      else if (state === "OPEN") {
        n.progress.open += 1;
        n.open.push(target);
      } else n.progress.ended += 1;
    }
    const notices = [...byNotice.values()];
    const active = notices.filter((n) => n.progress.open > 0);
    const settled = notices.filter((n) => n.progress.open === 0).reverse();
    return [...active, ...settled];
  },
});

/** What an agent's authorisation must cover for the organisation's update notices to concern them. */
const UPDATE_SCOPES = ["REKEY", "RENEW", "UPDATE"] as const;

/**
 * Organisations the person administers, or may rekey, renew or update for now: the authority
 * module's answer (an authorisation in force: letter checked by the RA, not revoked, within its
 * window), asked for each organisation they have any relation to.
 */
async function organisationsActedFor(db: Tx, userId: string, now: Date): Promise<{ orgIds: string[]; administered: Set<string> }> {
  const admin = await db.organisationMember.findMany({ where: { userId, role: "ADMIN", removedAt: null }, select: { organisationId: true } });
  const administered = new Set(admin.map((a) => a.organisationId));
  const related = await db.agentAuthorisation.findMany({ where: { agentUserId: userId, revokedAt: null }, select: { organisationId: true } });
  const viaAgent: string[] = [];
  for (const organisationId of new Set(related.map((r) => r.organisationId))) {
    if (administered.has(organisationId)) continue;
    for (const scope of UPDATE_SCOPES) {
      if (await mayActForOrganisation(db, { userId, organisationId, scope, now })) {
        viaAgent.push(organisationId);
        break;
      }
    }
  }
  return { orgIds: [...administered, ...viaAgent], administered };
}
