import { z } from "zod";
import type { AgentScope } from "@/generated/prisma/client";
import { isAgent, requireStandingGrantor } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { storeDocument, uploadedFileSchema } from "@/server/document";

export const AGENT_SCOPES = ["APPLY", "RENEW", "REKEY", "UPDATE", "CHANGE", "REVOKE", "DOWNLOAD", "TEST"] as const satisfies readonly AgentScope[];

/** Longest authorisation accepted: letters are re-issued at least this often. */
const MAX_VALIDITY_MS = 3 * 366 * 24 * 3600_000;

export const grantAgentAuthorisationInput = z
  .object({
    organisationId: z.string().uuid(),
    agentEmail: z.email().transform((e) => e.toLowerCase()),
    scope: z.array(z.enum(AGENT_SCOPES)).min(1).max(AGENT_SCOPES.length).transform((s) => [...new Set(s)]),
    validFrom: z.coerce.date(),
    validUntil: z.coerce.date(),
    /** The signed and stamped authorisation letter (授权委托书). */
    letter: uploadedFileSchema,
  })
  .refine((v) => v.validUntil.getTime() > v.validFrom.getTime(), { path: ["validUntil"], message: "BEFORE_VALID_FROM" })
  .refine((v) => v.validUntil.getTime() - v.validFrom.getTime() <= MAX_VALIDITY_MS, { path: ["validUntil"], message: "TOO_LONG" });

/**
 * An organisation administrator, or an RA officer holding the paper letter, authorises a user as
 * the organisation's agent (经办人) for the listed actions and dates. The letter is stored with the
 * authorisation in the same transaction. A grant by an RA officer counts as checked at once; one
 * by the organisation's admin waits for an officer to check the letter (verifiedAt).
 */
export const grantAgentAuthorisation = defineUseCase({
  name: "organisation.grant-agent-authorisation",
  input: grantAgentAuthorisationInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const agent = await s.tx.user.findUnique({ where: { email: input.agentEmail }, select: { id: true, roles: true, disabledAt: true } });
    // Who may authorise this account (a staff account: a CA administrator only; nobody in a staff
    // capacity for themselves or for an organisation they belong to), before anything is written.
    const as = await requireStandingGrantor(s, { organisationId: input.organisationId, target: agent, decision: "organisation.grant-agent-authorisation" });
    if (!agent || agent.disabledAt) throw domainError("USER_NOT_FOUND", { field: "agentEmail" });
    if (input.validUntil.getTime() <= s.now.getTime()) {
      throw domainError("VALIDATION_FAILED", { issues: { validUntil: ["IN_PAST"] } });
    }
    // A grant by an officer counts as checked at once (requireStandingGrantor keeps officers off their own);
    // a CA administrator's grant of a staff account still waits for an officer's check of the letter (four eyes).
    const byOfficer = as === "RA_OFFICER";
    const authorisation = await s.tx.agentAuthorisation.create({
      data: {
        agentUserId: agent.id,
        organisationId: input.organisationId,
        scope: input.scope,
        validFrom: input.validFrom,
        validUntil: input.validUntil,
        verifiedById: byOfficer ? actor.userId : null,
        verifiedAt: byOfficer ? s.now : null,
        createdAt: s.now,
      },
      select: { id: true },
    });
    const letter = await storeDocument(s.tx, {
      ownerUserId: actor.userId,
      kind: "AUTHORISATION_LETTER",
      file: input.letter,
      agentAuthorisationId: authorisation.id,
      now: s.now,
    });
    await s.tx.agentAuthorisation.update({ where: { id: authorisation.id }, data: { letterDocumentId: letter.id } });
    // The AGENT role only opens the agent's pages; what the agent may do is decided by the authorisation.
    if (!isAgent(agent)) {
      await s.tx.user.update({ where: { id: agent.id }, data: { roles: [...agent.roles, "AGENT"] } });
    }
    s.audit({
      action: "organisation.agent-authorised",
      subjectType: "AgentAuthorisation",
      subjectId: authorisation.id,
      onBehalfOfId: input.organisationId,
      summary: {
        agentUserId: agent.id,
        scope: input.scope,
        validFrom: input.validFrom.toISOString(),
        validUntil: input.validUntil.toISOString(),
        letter: { documentId: letter.id, sha256: letter.sha256, type: letter.sniffedType, size: letter.size },
        grantedAs: as,
      },
    });
    return { authorisationId: authorisation.id, letterDocumentId: letter.id, verified: byOfficer };
  },
});
