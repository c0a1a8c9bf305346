import { createHash } from "node:crypto";
import { z } from "zod";
import { defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { nextStatus, requireAllowed, requireOpenedVersion, updateApplicationIfUnchanged } from "./application-status";
import { tellApplicantSubmitted } from "./waiting";
import { declarationRecord, declarationsSchema, requireAgreementFor, requireAllDeclarations, requireDocuments } from "./submission";

export const INFO_RESPONSE_MAX = 2000;

export const resubmitApplicationInput = z.object({
  applicationId: z.string().uuid(),
  /** The version the page was rendered at: a second click or a stale tab is refused in words. */
  version: z.number().int().positive().optional(),
  /** The applicant's answer to the officer's question (stored on the open ApplicationInfoRequest). */
  infoResponse: z.string().trim().min(1).max(INFO_RESPONSE_MAX),
  declarations: declarationsSchema,
});

/**
 * After the RA asked for more information, the applicant answers the question and sends the
 * amended application back, declaring again (the materials changed). It returns to the RA it was
 * assigned to (registrationAuthorityId is untouched), with its history. The fee stays what was
 * copied at first submission. The answer is kept on the round's ApplicationInfoRequest (personal
 * data, erasable); the audit event keeps only its SHA-256, so the log proves what was answered.
 */
export const resubmitApplication = defineUseCase({
  name: "application.resubmit",
  input: resubmitApplicationInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const { application } = await loadApplicationAsApplicant(s.tx, actor, input.applicationId, s.now);
    requireOpenedVersion(application, input.version);
    await requireAllowed(s.tx, application, "resubmit");
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
    // Back with the RA: the review promise runs again from now (or the fee is still to be paid).
    await tellApplicantSubmitted(s, application);
    const answered = { answer: input.infoResponse, answeredById: actor.userId, answeredAt: s.now };
    const open = await s.tx.applicationInfoRequest.findFirst({ where: { applicationId: application.id, answeredAt: null }, orderBy: { askedAt: "desc" }, select: { id: true } });
    // A question asked before rounds were recorded has no row: the answer gets one, with the question as the application holds it.
    const round = open
      ? await s.tx.applicationInfoRequest.update({ where: { id: open.id }, data: answered, select: { id: true } })
      : await s.tx.applicationInfoRequest.create({
          data: {
            applicationId: application.id,
            question: application.decisionReason ?? "",
            askedById: application.reviewerId ?? actor.userId,
            askedAt: application.decidedAt ?? s.now,
            detailsAtQuestion: application.subjectDetails ?? {},
            ...answered,
          },
          select: { id: true },
        });
    s.audit({
      action: "application.resubmitted",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: {
        from: application.status,
        to,
        declarations: input.declarations,
        agreementVersion: acceptance.version,
        infoRequestId: round.id,
        answerSha256: createHash("sha256").update(input.infoResponse, "utf8").digest("hex"),
      },
    });
    return { applicationId: application.id, status: to, submittedAt: s.now };
  },
});
