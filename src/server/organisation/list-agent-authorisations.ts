import { z } from "zod";
import { authorisationState } from "@/domain/organisation";
import { defineQuery } from "@/server/core";
import { requireOrganisationManager } from "@/server/auth";

export const listAgentAuthorisationsInput = z.object({ organisationId: z.string().uuid() });

/** All authorisations of an organisation (in force, expired and revoked), for its admins and RA officers. */
export const listAgentAuthorisations = defineQuery({
  name: "organisation.list-agent-authorisations",
  input: listAgentAuthorisationsInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const actor = ctx.actor!;
    await ctx.db.$transaction((tx) => requireOrganisationManager(tx, { userId: actor.userId, roles: actor.roles, organisationId: input.organisationId }));
    const rows = await ctx.db.agentAuthorisation.findMany({
      where: { organisationId: input.organisationId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        scope: true,
        validFrom: true,
        validUntil: true,
        verifiedAt: true,
        revokedAt: true,
        revokedReason: true,
        letterDocumentId: true,
        createdAt: true,
        letterDocument: { select: { fileName: true, sniffedType: true } },
        agent: { select: { id: true, email: true, displayName: true } },
      },
    });
    return rows.map((r) => ({ ...r, state: authorisationState(r, ctx.now) }));
  },
});
