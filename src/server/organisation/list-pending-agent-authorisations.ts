import { z } from "zod";
import { isRaOfficer } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listPendingAgentAuthorisationsInput = z.object({});

/**
 * The RA officers' queue of authorisation letters to check: authorisations neither checked nor
 * revoked whose validity has not ended (an ended one can no longer be used, so checking it is
 * pointless), oldest first so nobody waits behind later arrivals.
 */
export const listPendingAgentAuthorisations = defineQuery({
  name: "organisation.list-pending-agent-authorisations",
  input: listPendingAgentAuthorisationsInput,
  authorize: isRaOfficer,
  async run(ctx) {
    const rows = await ctx.db.agentAuthorisation.findMany({
      where: { verifiedAt: null, revokedAt: null, validUntil: { gt: ctx.now } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 500,
      select: {
        id: true,
        scope: true,
        validFrom: true,
        validUntil: true,
        createdAt: true,
        organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
        agent: { select: { id: true, email: true, displayName: true } },
      },
    });
    return rows.map((r) => ({ ...r, waitingMs: Math.max(0, ctx.now.getTime() - r.createdAt.getTime()) }));
  },
});
