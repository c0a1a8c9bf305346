import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { discardDraftStep } from "@/app/apply/actions";
import { DiscardDraftButton } from "@/components/portal/discard-draft-button";
import { APPLY_WIZARD_STEPS, resumeStep } from "@/domain/application";
import { parseWizardProgress } from "@/server/application/draft-progress";

/** While the application is a draft: continue it in the wizard where it was left, or delete it (issue 15). */
export async function DraftActions({ app }: { app: { id: string; version: number; wizardProgress: unknown } }) {
  const [t, w] = await Promise.all([getTranslations("draftApplications"), getTranslations("applyWizard")]);
  const at = resumeStep(parseWizardProgress(app.wizardProgress));
  const labels = { delete: t("delete"), confirm: t("confirm"), confirmYes: t("confirmYes"), confirmNo: t("confirmNo"), working: w("working") };
  return (
    <Card>
      <p className="mb-3 text-slate-800" data-testid="draft-stopped-at" data-step={at}>
        {t("stoppedAt", { n: APPLY_WIZARD_STEPS.indexOf(at) + 1, step: w(`step.${at}`) })}
      </p>
      <div className="flex flex-wrap gap-2">
        <a href={`/apply?draft=${app.id}&step=${at}`} className={buttonClass.primary} data-testid="resume-draft">
          {t("resume")}
        </a>
        <DiscardDraftButton applicationId={app.id} version={app.version} labels={labels} discard={discardDraftStep} then="/dashboard" />
      </div>
    </Card>
  );
}
