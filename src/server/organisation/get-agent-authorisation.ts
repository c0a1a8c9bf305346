import { z } from "zod";
import { authorisationState } from "@/domain/organisation";
import { isRaOfficer, staffDecisionAnswer } from "@/server/auth";
import { domainError, defineQuery } from "@/server/core";

export const getAgentAuthorisationInput = z.object({ authorisationId: z.string().uuid() });

/**
 * One authorisation as an RA officer checks it: the organisation as registered, the agent, scope
 * and validity, the letter (metadata; the bytes come through the document viewer, which audits
 * every read), who granted it and what became of it; `can.check`: whether this officer may check
 * it (not the agent, the sender of the letter, nor a member or agent of the organisation:
 * verifyAgentAuthorisation's rule).
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
          select: { id: true, fileName: true, sniffedType: true, size: true, sha256: true, erasedAt: true, createdAt: true, ownerUserId: true, owner: { select: { email: true, displayName: true } } },
        },
      },
    });
    if (!a) throw domainError("NOT_FOUND");
    const check = await staffDecisionAnswer(ctx.db, ctx.actor!, { people: [a.agent.id, a.letterDocument?.ownerUserId], organisationId: a.organisation.id }, ctx.now);
    return { ...a, state: authorisationState(a, ctx.now), waitingMs: Math.max(0, ctx.now.getTime() - a.createdAt.getTime()), can: { check } };
  },
});
