import { z } from "zod";
import { defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { nextStatus, requireAllowed, requireOpenedVersion, updateApplicationIfUnchanged } from "./application-status";

export const discardDraftInput = z.object({
  applicationId: z.string().uuid(),
  /** The version the page was rendered at: a delete from a stale tab (submitted meanwhile) is refused in words. */
  version: z.number().int().positive().optional(),
});

/**
 * The applicant deletes a draft they abandoned (dashboard, the draft's page). Only a draft (the
 * domain's `discardDraft` answer): a submitted application is withdrawn with cancel instead. The
 * row is closed as CANCELLED rather than erased, because the agreement acceptance and uploaded
 * documents refer to it and fall under the retention rules; it leaves every list of drafts.
 */
export const discardDraft = defineUseCase({
  name: "application.discard-draft",
  input: discardDraftInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireOpenedVersion(application, input.version);
    await requireAllowed(s.tx, application, "discardDraft");
    const to = nextStatus(application, "CANCEL");
    await updateApplicationIfUnchanged(s.tx, application, { status: to, decidedAt: s.now, decisionReason: null });
    s.audit({
      action: "application.cancelled",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.status, to, by: "APPLICANT", reason: null },
    });
    return { applicationId: application.id, status: to };
  },
});
