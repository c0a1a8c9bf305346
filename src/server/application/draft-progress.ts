import { z } from "zod";
import { APPLY_DECLARATIONS, APPLY_WIZARD_STEPS, draftDiscardable, type WizardProgress } from "@/domain/application";
import { domainError, defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";

export const wizardProgressSchema = z.object({
  step: z.enum(APPLY_WIZARD_STEPS),
  declarations: z.array(z.enum(APPLY_DECLARATIONS)).max(APPLY_DECLARATIONS.length).default([]),
  feeAcknowledged: z.boolean().default(false),
});

/** The stored JSON read back; anything unreadable counts as "no progress" (the draft resumes at its first step). */
export function parseWizardProgress(stored: unknown): WizardProgress | null {
  const r = wizardProgressSchema.safeParse(stored);
  return r.success ? r.data : null;
}

export const saveDraftProgressInput = wizardProgressSchema.extend({ applicationId: z.string().uuid() });

/**
 * The apply wizard saves the step it is at (and the ticks of the declarations and fee steps, which
 * are not stored elsewhere before submission) each time the applicant moves, so a refresh, a
 * reopened tab or the dashboard resumes there. Only while the application is a draft: once
 * submitted, the wizard is over. Navigation, not a change to what is reviewed: no version bump
 * (the audit event records the move, as every use case does).
 */
export const saveDraftProgress = defineUseCase({
  name: "application.save-draft-progress",
  input: saveDraftProgressInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    const allowed = draftDiscardable(application);
    if (!allowed.ok) throw domainError(allowed.reason, { from: application.status, action: "saveDraftProgress" });
    const progress: WizardProgress = { step: input.step, declarations: [...new Set(input.declarations)], feeAcknowledged: input.feeAcknowledged };
    // Status in the filter: a submit that raced this save is not overwritten into looking like a draft.
    const { count } = await s.tx.application.updateMany({ where: { id: application.id, status: "DRAFT" }, data: { wizardProgress: { ...progress } } });
    if (count !== 1) throw domainError("CONFLICT");
    s.audit({
      action: "application.draft-progress-saved",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { step: progress.step, declarations: progress.declarations.length, feeAcknowledged: progress.feeAcknowledged },
    });
    // The version tells the wizard what to send with its next edit of the details (uploads and the key change it too).
    return { ...progress, version: application.version };
  },
});
