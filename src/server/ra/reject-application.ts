import { z } from "zod";
import { isRaOfficer } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { recordDecision } from "./internal/record-decision";

export const rejectApplicationInput = z.object({
  applicationId: z.string().uuid(),
  version: z.number().int().positive().optional(),
  /** Shown to the applicant: why the application cannot be accepted. */
  reason: z.string().trim().min(2).max(1000),
});

/** An RA officer rejects a submitted (or sent-back) application, with the reason the applicant will read. */
export const rejectApplication = defineUseCase({
  name: "ra.reject-application",
  input: rejectApplicationInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const { application, to } = await recordDecision(s, {
      applicationId: input.applicationId,
      version: input.version,
      event: "REJECT",
      reason: input.reason,
      template: "application.rejected",
    });
    s.audit({
      action: "application.rejected",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.status, to, reason: input.reason },
    });
    return { applicationId: application.id, status: to };
  },
});
