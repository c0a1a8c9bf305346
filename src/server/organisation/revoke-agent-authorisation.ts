import { z } from "zod";
import { domainError, defineUseCase } from "@/server/core";
import { requireNotPartyToCase, requireOrganisationManager } from "@/server/auth";

export const revokeAgentAuthorisationInput = z.object({
  authorisationId: z.string().uuid(),
  reason: z.string().trim().min(2).max(500),
});

/**
 * The organisation (an admin) or an RA officer withdraws an agent's authorisation; from this
 * instant the agent can no longer act for the organisation. Work the agent already submitted
 * stays with the organisation. The agent is told by mail, with the reason; when an officer
 * withdraws one whose letter was never checked, the mail and the audit event say the letter was
 * rejected.
 */
export const revokeAgentAuthorisation = defineUseCase({
  name: "organisation.revoke-agent-authorisation",
  input: revokeAgentAuthorisationInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const a = await s.tx.agentAuthorisation.findUnique({
      where: { id: input.authorisationId },
      select: {
        id: true,
        organisationId: true,
        agentUserId: true,
        revokedAt: true,
        verifiedAt: true,
        organisation: { select: { name: true } },
        agent: { select: { email: true, locale: true, anonymisedAt: true } },
      },
    });
    if (!a) throw domainError("NOT_FOUND");
    const as = await requireOrganisationManager(s.tx, { userId: actor.userId, roles: actor.roles, organisationId: a.organisationId });
    // An officer acting as staff (refusing a letter, withdrawing on paper) is not the agent nor one of the organisation's people.
    if (as === "RA_OFFICER") {
      await requireNotPartyToCase(s, { people: [a.agentUserId], organisationId: a.organisationId }, {
        decision: "organisation.revoke-agent-authorisation",
        subjectType: "AgentAuthorisation",
        subjectId: a.id,
        onBehalfOfId: a.organisationId,
      });
    }
    // An officer withdrawing an authorisation whose letter was never checked is refusing the letter.
    const letterRejected = as === "RA_OFFICER" && a.verifiedAt === null;
    // Conditional update: of two concurrent revocations exactly one records its reason.
    const { count } = await s.tx.agentAuthorisation.updateMany({
      where: { id: a.id, revokedAt: null },
      data: { revokedAt: s.now, revokedReason: input.reason },
    });
    if (count !== 1) throw domainError("AGENT_AUTHORISATION_ALREADY_REVOKED");
    if (!a.agent.anonymisedAt) {
      await s.notify({
        userId: a.agentUserId,
        toAddress: a.agent.email,
        locale: a.agent.locale,
        template: letterRejected ? "organisation.agent-letter-rejected" : "organisation.agent-authorisation-withdrawn",
        payload: { organisation: a.organisation.name, reason: input.reason, path: "/organisations" },
        dedupeKey: `agent-authorisation-revoked:${a.id}`,
      });
    }
    s.audit({
      action: letterRejected ? "organisation.agent-letter-rejected" : "organisation.agent-authorisation-revoked",
      subjectType: "AgentAuthorisation",
      subjectId: a.id,
      onBehalfOfId: a.organisationId,
      summary: { agentUserId: a.agentUserId, reason: input.reason, by: as },
    });
    return { authorisationId: a.id, revokedAt: s.now };
  },
});
