import { z } from "zod";
import { domainError, defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { requireEditable, updateApplicationIfUnchanged } from "./application-status";
import { profileAllowsServerKeyGeneration } from "./subject-details";

export const chooseKeyGenerationInput = z.object({
  applicationId: z.string().uuid(),
  keyGeneration: z.enum(["CLIENT_CSR", "SERVER_PKCS12"]),
});

/**
 * Clause 1.3: how the key is made is the applicant's choice, made at the wizard's key step, after
 * the draft exists (the documents need it). Choosing the server drops any CSR already attached, so
 * an application never carries both a subscriber key and a request for a server key; the server
 * key itself is made only after approval, when the applicant gives the PKCS#12 password.
 */
export const chooseKeyGeneration = defineUseCase({
  name: "application.choose-key-generation",
  input: chooseKeyGenerationInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireEditable(application, "CHOOSE_KEY_GENERATION");
    if (application.keyGeneration === input.keyGeneration) return { applicationId: application.id, keyGeneration: input.keyGeneration };
    if (input.keyGeneration === "SERVER_PKCS12") {
      const profile = await s.tx.certificateProfile.findUniqueOrThrow({ where: { id: application.profileId }, select: { code: true } });
      if (!profileAllowsServerKeyGeneration(profile.code)) throw domainError("VALIDATION_FAILED", { issues: { keyGeneration: ["NOT_FOR_PROFILE"] } });
    }
    await updateApplicationIfUnchanged(s.tx, application, { keyGeneration: input.keyGeneration, csrDer: null, publicKeySha256: null });
    s.audit({
      action: "application.key-generation-chosen",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.keyGeneration, to: input.keyGeneration, csrDropped: application.csrDer !== null },
    });
    return { applicationId: application.id, keyGeneration: input.keyGeneration };
  },
});
