import { z } from "zod";
import { defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { nextStatus, updateApplicationIfUnchanged } from "./application-status";
import { declarationRecord, declarationsSchema, requireAgreementFor, requireAllDeclarations, requireDocuments } from "./submission";

export const resubmitApplicationInput = z.object({
  applicationId: z.string().uuid(),
  declarations: declarationsSchema,
});

/**
 * After the RA asked for more information, the applicant sends the amended application back,
 * declaring again (the materials changed). The fee stays what was copied at first submission.
 */
export const resubmitApplication = defineUseCase({
  name: "application.resubmit",
  input: resubmitApplicationInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const { application } = await loadApplicationAsApplicant(s.tx, actor, input.applicationId, s.now);
    const to = nextStatus(application, "RESUBMIT");
    requireAllDeclarations(input.declarations);
    const acceptance = await requireAgreementFor(s.tx, application, actor.userId, s.now);
    await requireDocuments(s.tx, application);
    await updateApplicationIfUnchanged(s.tx, application, {
      status: to,
      declarations: declarationRecord(input.declarations, s.now, actor.userId, "RESUBMIT"),
      declaredAt: s.now,
      submittedAt: s.now,
    });
    s.audit({
      action: "application.resubmitted",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.status, to, declarations: input.declarations, agreementVersion: acceptance.version },
    });
    return { applicationId: application.id, status: to, submittedAt: s.now };
  },
});
