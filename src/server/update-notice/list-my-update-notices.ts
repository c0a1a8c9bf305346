import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { type Tx, defineQuery } from "@/server/core";

export const listMyUpdateNoticesInput = z.object({}).strict();

export interface MyUpdateNotice {
  noticeId: string;
  reason: string;
  deadline: Date;
  overdue: boolean;
  certificates: { certificateId: string; serialHex: string; subjectDn: string; notAfter: Date; organisationId: string | null }[];
}

/**
 * The update notices the signed-in person must act on (clause 4): for their own certificates,
 * and for those of organisations they administer or are authorised now to renew, rekey or update
 * for. A certificate drops out when its replacement is accepted (the target is resolved), or
 * when it is revoked or expired (nothing left to update). Earliest deadline first.
 */
export const listMyUpdateNotices = defineQuery({
  name: "update-notice.list-mine",
  input: listMyUpdateNoticesInput,
  authorize: "signed-in",
  async run(ctx) {
    const userId = ctx.actor!.userId;
    const orgIds = await organisationsActedFor(ctx.db, userId, ctx.now);
    const holds: Prisma.CertificateWhereInput[] = [{ subscriberUserId: userId, subscriberOrganisationId: null }];
    if (orgIds.length > 0) holds.push({ subscriberOrganisationId: { in: orgIds } });
    const targets = await ctx.db.updateNoticeTarget.findMany({
      where: { resolvedAt: null, certificate: { OR: holds, revokedAt: null, notAfter: { gt: ctx.now } } },
      include: {
        notice: { select: { id: true, reason: true, deadline: true } },
        certificate: { select: { id: true, serialHex: true, subjectDn: true, notAfter: true, subscriberOrganisationId: true } },
      },
      orderBy: [{ notice: { deadline: "asc" } }, { certificateId: "asc" }],
    });
    const byNotice = new Map<string, MyUpdateNotice>();
    for (const t of targets) {
      let n = byNotice.get(t.noticeId);
      if (!n) {
        n = { noticeId: t.notice.id, reason: t.notice.reason, deadline: t.notice.deadline, overdue: t.notice.deadline.getTime() < ctx.now.getTime(), certificates: [] };
        byNotice.set(t.noticeId, n);
      }
      n.certificates.push({ certificateId: t.certificate.id, serialHex: t.certificate.serialHex, subjectDn: t.certificate.subjectDn, notAfter: t.certificate.notAfter, organisationId: t.certificate.subscriberOrganisationId });
    }
    return [...byNotice.values()];
  },
});

/** Organisations the person administers, or may renew/rekey/update for by an authorisation in force now. */
async function organisationsActedFor(db: Pick<Tx, "organisationMember" | "agentAuthorisation">, userId: string, now: Date): Promise<string[]> {
  const admin = await db.organisationMember.findMany({ where: { userId, role: "ADMIN", removedAt: null }, select: { organisationId: true } });
  const agent = await db.agentAuthorisation.findMany({
    where: { agentUserId: userId, revokedAt: null, validFrom: { lte: now }, validUntil: { gt: now } },
    select: { organisationId: true, scope: true },
  });
  // Scope matched in JS: enum-array filters fail on the PGlite adapter (CONTRACTS.md).
  const viaAgent = agent.filter((a) => a.scope.some((s) => s === "RENEW" || s === "REKEY" || s === "UPDATE")).map((a) => a.organisationId);
  return [...new Set([...admin.map((a) => a.organisationId), ...viaAgent])];
}
