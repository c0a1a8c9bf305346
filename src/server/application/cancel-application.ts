import { z } from "zod";
import { isRaOfficer, loadApplicationForReview } from "@/server/auth";
import { domainError, isDomainError, defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { nextStatus, requireAllowed, requireOpenedVersion, updateApplicationIfUnchanged } from "./application-status";

export const cancelApplicationInput = z.object({
  applicationId: z.string().uuid(),
  reason: z.string().trim().max(500).optional(),
  /** The version the page was rendered at: a cancel from a stale tab is refused in words. */
  version: z.number().int().positive().optional(),
});

/** The applicant withdraws an application, or an RA officer closes an abandoned one (with a reason). */
export const cancelApplication = defineUseCase({
  name: "application.cancel",
  input: cancelApplicationInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    let application;
    let by: "APPLICANT" | "RA_OFFICER" = "APPLICANT";
    try {
      ({ application } = await loadApplicationAsApplicant(s.tx, actor, input.applicationId, s.now));
    } catch (e) {
      if (!(isDomainError(e) && e.code === "NOT_FOUND" && isRaOfficer(actor))) throw e;
      // The same RA rules as for a review: an officer closes work of their own RA only.
      application = await loadApplicationForReview(s, input.applicationId, "application.cancel");
      if (!input.reason) throw domainError("VALIDATION_FAILED", { issues: { reason: ["REQUIRED"] } });
      by = "RA_OFFICER";
    }
    requireOpenedVersion(application, input.version);
    await requireAllowed(s.tx, application, "cancel");
    const to = nextStatus(application, "CANCEL");
    await updateApplicationIfUnchanged(s.tx, application, {
      status: to,
      decidedAt: s.now,
      decisionReason: input.reason ?? null,
      ...(by === "RA_OFFICER" ? { reviewerId: actor.userId } : {}),
    });
    s.audit({
      action: "application.cancelled",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.status, to, by, reason: input.reason ?? null },
    });
    return { applicationId: application.id, status: to };
  },
});
