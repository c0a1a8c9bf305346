import { z } from "zod";
import type { AcceptanceContext, AgentScope } from "@/generated/prisma/client";
import { domainError, defineUseCase } from "@/server/core";
import { agreementSubjectOf } from "@/domain/agreement";
import { findCurrentAgreementVersion } from "./current-agreement";
import { activeAcceptanceOfSubject } from "./internal/subject-acceptance";
import { mayActForOrganisation } from "@/server/auth";

export const ACCEPTANCE_CONTEXTS = ["APPLY", "RENEW", "UPDATE", "DOWNLOAD", "USE"] as const satisfies readonly AcceptanceContext[];

/**
 * The agent scope that lets an agent accept the agreement for an organisation in each context.
 * The acceptance then covers the organisation for every action (one acceptance rule); the scope
 * only decides who may give it from which page, and each action checks its own scope again.
 */
export const SCOPE_FOR_CONTEXT: Record<AcceptanceContext, AgentScope> = {
  APPLY: "APPLY",
  RENEW: "RENEW",
  UPDATE: "UPDATE",
  DOWNLOAD: "DOWNLOAD",
  USE: "TEST",
};

export const acceptAgreementInput = z.object({
  /** The version the subscriber was shown; refused if it is no longer the current one. */
  version: z.number().int().positive(),
  /** The content hash the page showed, so a text changed under the reader cannot be accepted. */
  contentHash: z.string().regex(/^[0-9a-f]{64}$/),
  context: z.enum(ACCEPTANCE_CONTEXTS),
  locale: z.enum(["zh-CN", "en"]),
  onBehalfOfOrganisationId: z.string().uuid().optional(),
});

/**
 * Online acceptance by clicking, after the full text was shown (preamble, 7.5). The subject's
 * earlier active acceptance (the person's own, or the organisation's by any of its agents),
 * whatever context it was given in, is marked superseded by this one in the same transaction; the
 * partial unique indexes guarantee only one stays active per subject. The context is recorded as
 * evidence of where the acceptance was given.
 */
export const acceptAgreement = defineUseCase({
  name: "agreement.accept",
  input: acceptAgreementInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const current = await findCurrentAgreementVersion(s.tx, s.now);
    if (!current) throw domainError("NOT_FOUND");
    if (current.version !== input.version || current.contentHash !== input.contentHash) {
      throw domainError("AGREEMENT_NOT_ACCEPTED", { version: current.version });
    }
    if (input.onBehalfOfOrganisationId) {
      const allowed = await mayActForOrganisation(s.tx, {
        userId: actor.userId,
        organisationId: input.onBehalfOfOrganisationId,
        scope: SCOPE_FOR_CONTEXT[input.context],
        now: s.now,
      });
      if (!allowed) throw domainError("FORBIDDEN");
    }
    const behalf = input.onBehalfOfOrganisationId ?? null;
    const previous = await activeAcceptanceOfSubject(s.tx, agreementSubjectOf({ userId: actor.userId, onBehalfOfOrganisationId: behalf }));
    if (previous) {
      await s.tx.agreementAcceptance.update({ where: { id: previous.id }, data: { supersededAt: s.now } });
    }
    const acceptance = await s.tx.agreementAcceptance.create({
      data: {
        versionId: current.id,
        contentHash: current.contentHash,
        userId: actor.userId,
        onBehalfOfOrganisationId: behalf,
        acceptedAt: s.now,
        method: "ONLINE_CLICK",
        context: input.context,
        locale: input.locale,
        ip: s.meta.ip ?? null,
        userAgent: s.meta.userAgent ?? null,
      },
      select: { id: true, acceptedAt: true },
    });
    if (previous) {
      await s.tx.agreementAcceptance.update({ where: { id: previous.id }, data: { supersededById: acceptance.id } });
    }
    s.audit({
      action: "agreement.accepted",
      subjectType: "AgreementAcceptance",
      subjectId: acceptance.id,
      onBehalfOfId: behalf,
      summary: {
        version: current.version,
        contentHash: current.contentHash,
        context: input.context,
        method: "ONLINE_CLICK",
        locale: input.locale,
        supersedes: previous?.id ?? null,
      },
    });
    return { acceptanceId: acceptance.id, version: current.version, contentHash: current.contentHash, acceptedAt: acceptance.acceptedAt };
  },
});
