import { z } from "zod";
import { isRaOfficer, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";

export const verifyAgentAuthorisationInput = z.object({ authorisationId: z.string().uuid() });

/**
 * An RA officer records that the authorisation letter was checked against the organisation's
 * records; from now on the authorisation counts. The agent is told by mail.
 */
export const verifyAgentAuthorisation = defineUseCase({
  name: "organisation.verify-agent-authorisation",
  input: verifyAgentAuthorisationInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const a = await s.tx.agentAuthorisation.findUnique({
      where: { id: input.authorisationId },
      select: {
        id: true,
        organisationId: true,
        revokedAt: true,
        letterDocumentId: true,
        agentUserId: true,
        validUntil: true,
        letterDocument: { select: { ownerUserId: true } },
        organisation: { select: { name: true } },
        agent: { select: { id: true, email: true, locale: true, anonymisedAt: true } },
      },
    });
    if (!a) throw domainError("NOT_FOUND");
    if (a.revokedAt) throw domainError("AGENT_AUTHORISATION_ALREADY_REVOKED");
    if (a.validUntil.getTime() <= s.now.getTime()) throw domainError("AGENT_AUTHORISATION_EXPIRED");
    // Four eyes: the officer who checks is neither the agent nor the one who sent the letter, nor a member or agent of the organisation.
    await requireNotPartyToCase(s, { people: [a.agentUserId, a.letterDocument?.ownerUserId], organisationId: a.organisationId }, {
      decision: "organisation.verify-agent-authorisation",
      subjectType: "AgentAuthorisation",
      subjectId: a.id,
      onBehalfOfId: a.organisationId,
    });
    const { count } = await s.tx.agentAuthorisation.updateMany({
      where: { id: a.id, verifiedAt: null, revokedAt: null },
      data: { verifiedAt: s.now, verifiedById: s.actor!.userId },
    });
    if (count !== 1) throw domainError("INVALID_STATE_TRANSITION", { from: "VERIFIED", action: "VERIFY" });
    if (!a.agent.anonymisedAt) {
      await s.notify({
        userId: a.agent.id,
        toAddress: a.agent.email,
        locale: a.agent.locale,
        template: "organisation.agent-letter-checked",
        payload: { organisation: a.organisation.name, validUntil: a.validUntil.toISOString(), path: "/agent" },
        dedupeKey: `agent-letter-checked:${a.id}`,
      });
    }
    s.audit({
      action: "organisation.agent-authorisation-verified",
      subjectType: "AgentAuthorisation",
      subjectId: a.id,
      onBehalfOfId: a.organisationId,
      summary: { letterDocumentId: a.letterDocumentId },
    });
    return { authorisationId: a.id, verifiedAt: s.now };
  },
});
