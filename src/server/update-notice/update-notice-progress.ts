import { z } from "zod";
import { mayFollowUpdateNotices } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";

export const getUpdateNoticeProgressInput = z.object({ noticeId: z.string().uuid() });

export interface TargetView {
  certificateId: string;
  serialHex: string;
  subjectDn: string;
  notAfter: Date;
  /** The subscriber: the organisation's name, or the person's e-mail address. */
  subscriber: string;
  subscriberUserId: string | null;
  subscriberOrganisationId: string | null;
  notifiedAt: Date | null;
  resolvedAt: Date | null;
  resolvedByCertificateId: string | null;
  resolvedBySerialHex: string | null;
}

/**
 * Who has and has not updated after a CA-ordered update (clause 4): `updated` (a replacement was
 * accepted), `pending` (still valid and not replaced), `lapsed` (revoked or expired without a
 * replacement: nothing left to update), with counts. For CA administrators and auditors.
 */
export const getUpdateNoticeProgress = defineQuery({
  name: "update-notice.progress",
  input: getUpdateNoticeProgressInput,
  authorize: mayFollowUpdateNotices,
  async run(ctx, input) {
    const notice = await ctx.db.updateNotice.findUnique({
      where: { id: input.noticeId },
      include: {
        createdBy: { select: { id: true, email: true } },
        targets: {
          include: {
            certificate: {
              select: {
                id: true, serialHex: true, subjectDn: true, notAfter: true, revokedAt: true, subscriberUserId: true, subscriberOrganisationId: true,
                subscriberUser: { select: { email: true } },
                subscriberOrganisation: { select: { name: true } },
              },
            },
            resolvedByCertificate: { select: { serialHex: true } },
          },
          orderBy: { certificateId: "asc" },
        },
      },
    });
    if (!notice) throw domainError("NOT_FOUND");
    const updated: TargetView[] = [];
    const pending: TargetView[] = [];
    const lapsed: TargetView[] = [];
    for (const t of notice.targets) {
      const c = t.certificate;
      const view: TargetView = {
        certificateId: c.id,
        serialHex: c.serialHex,
        subjectDn: c.subjectDn,
        notAfter: c.notAfter,
        subscriber: c.subscriberOrganisation?.name ?? c.subscriberUser?.email ?? "",
        subscriberUserId: c.subscriberUserId,
        subscriberOrganisationId: c.subscriberOrganisationId,
        notifiedAt: t.notifiedAt,
        resolvedAt: t.resolvedAt,
        resolvedByCertificateId: t.resolvedByCertificateId,
        resolvedBySerialHex: t.resolvedByCertificate?.serialHex ?? null,
      };
      if (t.resolvedAt) updated.push(view);
      else if (c.revokedAt || c.notAfter.getTime() <= ctx.now.getTime()) lapsed.push(view);
      else pending.push(view);
    }
    return {
      noticeId: notice.id,
      reason: notice.reason,
      deadline: notice.deadline,
      overdue: notice.deadline.getTime() < ctx.now.getTime(),
      consequence: notice.consequence,
      remindedAt: notice.remindedAt,
      selection: notice.selection,
      createdAt: notice.createdAt,
      createdBy: notice.createdBy,
      counts: { total: notice.targets.length, updated: updated.length, pending: pending.length, lapsed: lapsed.length },
      updated,
      pending,
      lapsed,
    };
  },
});

export const listUpdateNoticesInput = z.object({}).strict();

/** Every update notice, newest first, with how many targets are done: the administrator's overview. */
export const listUpdateNotices = defineQuery({
  name: "update-notice.list",
  input: listUpdateNoticesInput,
  authorize: mayFollowUpdateNotices,
  async run(ctx) {
    const notices = await ctx.db.updateNotice.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, reason: true, deadline: true, createdAt: true } });
    const totals = await ctx.db.updateNoticeTarget.groupBy({ by: ["noticeId"], _count: { _all: true } });
    const done = await ctx.db.updateNoticeTarget.groupBy({ by: ["noticeId"], where: { resolvedAt: { not: null } }, _count: { _all: true } });
    const total = new Map(totals.map((t) => [t.noticeId, t._count._all]));
    const updated = new Map(done.map((t) => [t.noticeId, t._count._all]));
    return notices.map((n) => {
      const t = total.get(n.id) ?? 0;
      const u = updated.get(n.id) ?? 0;
      return { ...n, overdue: n.deadline.getTime() < ctx.now.getTime(), counts: { total: t, updated: u, notUpdated: t - u } };
    });
  },
});
