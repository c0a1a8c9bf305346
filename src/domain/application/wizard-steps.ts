/**
 * The apply wizard's steps, in order (issue 6, issue 15): the agreement must be accepted before a
 * draft can exist, so it comes before the documents. Shared by the wizard (URL, history) and the
 * server (where a draft resumes).
 */
export const APPLY_WIZARD_STEPS = ["profile", "identity", "agreement", "documents", "declarations", "fee", "key", "submit"] as const;
export type ApplyWizardStep = (typeof APPLY_WIZARD_STEPS)[number];

/** The first step a draft can be at: before it, nothing is stored on the server. */
export const FIRST_DRAFT_STEP: ApplyWizardStep = "documents";

export function isApplyWizardStep(value: unknown): value is ApplyWizardStep {
  return typeof value === "string" && (APPLY_WIZARD_STEPS as readonly string[]).includes(value);
}

/** The declarations of clauses 1.1 and 1.2 the applicant ticks before submitting. */
export const APPLY_DECLARATIONS = ["truthfulCompleteLawful", "copiesMatchOriginals", "consentToElectronicSignatureUse", "consentToCertificateQuery"] as const;
export type ApplyDeclaration = (typeof APPLY_DECLARATIONS)[number];

/** What a draft remembers of the wizard besides its details, documents and key. */
export interface WizardProgress {
  step: ApplyWizardStep;
  declarations: ApplyDeclaration[];
  feeAcknowledged: boolean;
}

/**
 * Where a stored draft resumes: the step saved, but never beyond what the draft holds (a step whose
 * earlier ticks were not kept falls back to the first one missing), and never before the documents.
 */
export function resumeStep(progress: WizardProgress | null): ApplyWizardStep {
  if (!progress) return FIRST_DRAFT_STEP;
  const at = APPLY_WIZARD_STEPS.indexOf(progress.step);
  const allDeclared = APPLY_DECLARATIONS.every((d) => progress.declarations.includes(d));
  if (at > APPLY_WIZARD_STEPS.indexOf("declarations") && !allDeclared) return "declarations";
  if (at > APPLY_WIZARD_STEPS.indexOf("fee") && !progress.feeAcknowledged) return "fee";
  return progress.step;
}

/**
 * The step the wizard opens at when the URL names one (refresh, Back/Forward, a typed or shared
 * address): that step, but held to the same gates as resumeStep, so an address cannot open a step
 * past declarations or a fee acknowledgement the draft does not hold. Without a step: resumeStep.
 */
export function openStep(asked: ApplyWizardStep | null, progress: WizardProgress | null): ApplyWizardStep {
  if (!asked) return resumeStep(progress);
  return resumeStep({ step: asked, declarations: progress?.declarations ?? [], feeAcknowledged: progress?.feeAcknowledged ?? false });
}
