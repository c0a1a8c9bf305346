import { z } from "zod";
import { defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { nextStatus, requireAllowed, requireOpenedVersion, updateApplicationIfUnchanged } from "./application-status";
import { declarationRecord, declarationsSchema, requireAgreementFor, requireAllDeclarations, requireDocuments } from "./submission";
import { assertNotInCessation } from "@/server/privacy";
import { tellApplicantSubmitted } from "./waiting";

export const submitApplicationInput = z.object({
  applicationId: z.string().uuid(),
  /** The version the page was rendered at (the application page sends it; the wizard's draft is its own). */
  version: z.number().int().positive().optional(),
  declarations: declarationsSchema,
});

/**
 * Sends a draft to the RA with the declarations of clauses 1.1 and 1.2. The fee of the profile
 * is copied now (clause 1.9), so a later change of the price list does not change what this
 * applicant owes. A double-clicked submit submits once: the second finds the application no
 * longer a draft (or loses the conditional update) and changes nothing.
 */
export const submitApplication = defineUseCase({
  name: "application.submit",
  input: submitApplicationInput,
  authorize: "signed-in",
  async run(s, input) {
    // Clause 6 / cessation mode: no new personal data is collected once the CA is ceasing.
    await assertNotInCessation(s.tx);
    const actor = s.actor!;
    const { application } = await loadApplicationAsApplicant(s.tx, actor, input.applicationId, s.now);
    requireOpenedVersion(application, input.version);
    await requireAllowed(s.tx, application, "submit");
    const to = nextStatus(application, "SUBMIT");
    requireAllDeclarations(input.declarations);
    const acceptance = await requireAgreementFor(s.tx, application, actor.userId, s.now);
    await requireDocuments(s.tx, application);
    const profile = await s.tx.certificateProfile.findUniqueOrThrow({ where: { id: application.profileId }, select: { code: true, feeCents: true, active: true } });
    const feeStatus = profile.feeCents === 0 ? "NOT_REQUIRED" : "UNPAID";
    await updateApplicationIfUnchanged(s.tx, application, {
      status: to,
      declarations: declarationRecord(input.declarations, s.now, actor.userId, "SUBMIT"),
      declaredAt: s.now,
      submittedAt: s.now,
      feeCents: profile.feeCents,
      feeStatus,
    });
    // Issue 15: the applicant is told what happens next (how to pay, or when the review is expected).
    await tellApplicantSubmitted(s, { ...application, feeCents: profile.feeCents, feeStatus });
    s.audit({
      action: "application.submitted",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: {
        from: application.status,
        to,
        declarations: input.declarations,
        agreementVersion: acceptance.version,
        agreementAcceptanceId: acceptance.acceptanceId,
        feeCents: profile.feeCents,
        feeStatus,
      },
    });
    return { applicationId: application.id, status: to, feeCents: profile.feeCents, feeStatus, submittedAt: s.now };
  },
});
