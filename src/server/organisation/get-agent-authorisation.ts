import { z } from "zod";
import { authorisationState } from "@/domain/organisation";
import { isRaOfficer } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";

export const getAgentAuthorisationInput = z.object({ authorisationId: z.string().uuid() });

/**
 * One authorisation as an RA officer checks it: the organisation as registered, the agent, scope
 * and validity, the letter (metadata; the bytes come through the document viewer, which audits
 * every read), who granted it and what became of it.
 */
export const getAgentAuthorisation = defineQuery({
  name: "organisation.get-agent-authorisation",
  input: getAgentAuthorisationInput,
  authorize: isRaOfficer,
  async run(ctx, input) {
    const a = await ctx.db.agentAuthorisation.findUnique({
      where: { id: input.authorisationId },
      select: {
        id: true,
        scope: true,
        validFrom: true,
        validUntil: true,
        createdAt: true,
        verifiedAt: true,
        revokedAt: true,
        revokedReason: true,
        organisation: {
          select: { id: true, name: true, nameEn: true, unifiedSocialCreditCode: true, legalRepresentative: true, address: true, phone: true, createdAt: true },
        },
        agent: { select: { id: true, email: true, displayName: true } },
        verifiedBy: { select: { email: true, displayName: true } },
        letterDocument: {
          select: { id: true, fileName: true, sniffedType: true, size: true, sha256: true, erasedAt: true, createdAt: true, owner: { select: { email: true, displayName: true } } },
        },
      },
    });
    if (!a) throw domainError("NOT_FOUND");
    return { ...a, state: authorisationState(a, ctx.now), waitingMs: Math.max(0, ctx.now.getTime() - a.createdAt.getTime()) };
  },
});
