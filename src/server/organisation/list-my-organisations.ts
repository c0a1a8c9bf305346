import { z } from "zod";
import { defineQuery } from "@/server/core/use-case";

export const listMyOrganisationsInput = z.object({});

/**
 * The organisations the actor may act for now: as a member (admin or not), or as an agent with an
 * authorisation in force (its scope and end date shown, so the agent sees what they may do).
 */
export const listMyOrganisations = defineQuery({
  name: "organisation.list-mine",
  input: listMyOrganisationsInput,
  authorize: "signed-in",
  async run(ctx) {
    const userId = ctx.actor!.userId;
    const [memberships, authorisations] = await Promise.all([
      ctx.db.organisationMember.findMany({
        where: { userId, removedAt: null },
        select: { role: true, organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } } },
      }),
      ctx.db.agentAuthorisation.findMany({
        where: { agentUserId: userId, revokedAt: null, validFrom: { lte: ctx.now }, validUntil: { gt: ctx.now } },
        select: { id: true, scope: true, validUntil: true, verifiedAt: true, organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } } },
      }),
    ]);
    return {
      memberships: memberships.map((m) => ({ ...m.organisation, role: m.role })),
      agentFor: authorisations.map((a) => ({ ...a.organisation, authorisationId: a.id, scope: a.scope, validUntil: a.validUntil, verified: a.verifiedAt !== null })),
    };
  },
});
