import { z } from "zod";
import { isOrganisationAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { serverKeyStep } from "./internal/server-key-step";
import { nextStepsOf } from "./next-steps";

export const listMyApplicationsInput = z.object({ organisationId: z.string().uuid().optional() });

/**
 * The applications the actor made themselves, or (with organisationId) those of an organisation
 * they administer or act for; an organisation they have no relation to lists nothing.
 */
export const listMyApplications = defineQuery({
  name: "application.list-mine",
  input: listMyApplicationsInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const actor = ctx.actor!;
    let where;
    if (input.organisationId) {
      const admin = await isOrganisationAdmin(ctx.db, actor.userId, input.organisationId);
      // Seeing the list asks less than acting: any authorisation in its window, checked or not.
      const agent = await ctx.db.agentAuthorisation.findFirst({
        where: { organisationId: input.organisationId, agentUserId: actor.userId, revokedAt: null, validFrom: { lte: ctx.now }, validUntil: { gt: ctx.now } },
        select: { id: true },
      });
      if (!admin && !agent) return [];
      where = { organisationId: input.organisationId };
    } else {
      where = { applicantId: actor.userId, organisationId: null };
    }
    const rows = await ctx.db.application.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: 200,
      select: {
        id: true,
        kind: true,
        status: true,
        keyGeneration: true,
        feeStatus: true,
        feeCents: true,
        createdAt: true,
        submittedAt: true,
        paymentRecordedAt: true,
        decidedAt: true,
        decisionReason: true,
        profile: { select: { code: true, nameZh: true, nameEn: true } },
        certificate: { select: { id: true } },
      },
    });
    // next: what happens next and who acts (issue 15), decided in the domain.
    const next = await nextStepsOf(ctx.db, ctx.now, rows);
    // serverKeyReady: the PKCS#12 password may be given now (same rule as the issuance use case).
    return rows.map(({ certificate, ...a }) => ({ ...a, serverKeyReady: serverKeyStep({ ...a, hasCertificate: certificate !== null }) === "READY", next: next.get(a.id) ?? null }));
  },
});
