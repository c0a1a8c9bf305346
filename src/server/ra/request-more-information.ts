import { z } from "zod";
import { isRaOfficer } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { recordDecision } from "./internal/record-decision";

export const requestMoreInformationInput = z.object({
  applicationId: z.string().uuid(),
  version: z.number().int().positive().optional(),
  /** What the applicant must add or correct. */
  reason: z.string().trim().min(2).max(1000),
});

/**
 * An RA officer sends a submitted application back (NEEDS_INFO); the applicant amends it and
 * resubmits. Each round is an ApplicationInfoRequest holding the question and the subject details
 * as they stood now, so the officer later sees what changed since (application/changes-since-question).
 */
export const requestMoreInformation = defineUseCase({
  name: "ra.request-more-information",
  input: requestMoreInformationInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const { application, to } = await recordDecision(s, {
      applicationId: input.applicationId,
      version: input.version,
      event: "REQUEST_INFO",
      reason: input.reason,
      template: "application.needs-info",
    });
    const round = await s.tx.applicationInfoRequest.create({
      data: { applicationId: application.id, question: input.reason, askedById: s.actor!.userId, askedAt: s.now, detailsAtQuestion: application.subjectDetails ?? {} },
      select: { id: true },
    });
    s.audit({
      action: "application.info-requested",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.status, to, reason: input.reason, infoRequestId: round.id },
    });
    return { applicationId: application.id, status: to };
  },
});
