import { z } from "zod";
import { defineQuery } from "@/server/core";

export const listMyOrganisationsInput = z.object({});

/**
 * The organisations the actor may act for now: as a member (admin or not), or as an agent with an
 * authorisation in force whose letter an RA officer has checked (its scope and end date shown, so
 * the agent sees what they may do). Authorisations in force but not yet checked are listed apart
 * (`awaitingCheck`): they let the agent do nothing yet.
 */
export const listMyOrganisations = defineQuery({
  name: "organisation.list-mine",
  input: listMyOrganisationsInput,
  authorize: "signed-in",
  async run(ctx) {
    const userId = ctx.actor!.userId;
    const [memberships, authorisations] = await Promise.all([
      ctx.db.organisationMember.findMany({
        // An anonymised organisation (clause 6, end of retention) is no longer anyone's to act for.
        where: { userId, removedAt: null, organisation: { anonymisedAt: null } },
        orderBy: { createdAt: "asc" },
        select: { role: true, organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } } },
      }),
      ctx.db.agentAuthorisation.findMany({
        where: { agentUserId: userId, revokedAt: null, validFrom: { lte: ctx.now }, validUntil: { gt: ctx.now }, organisation: { anonymisedAt: null } },
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          scope: true,
          validFrom: true,
          validUntil: true,
          verifiedAt: true,
          organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
        },
      }),
    ]);
    const view = (a: (typeof authorisations)[number]) => ({
      ...a.organisation,
      authorisationId: a.id,
      scope: a.scope,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      verified: a.verifiedAt !== null,
    });
    return {
      memberships: memberships.map((m) => ({ ...m.organisation, role: m.role })),
      agentFor: authorisations.filter((a) => a.verifiedAt !== null).map(view),
      awaitingCheck: authorisations.filter((a) => a.verifiedAt === null).map(view),
    };
  },
});
