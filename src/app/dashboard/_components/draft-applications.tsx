import { getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { discardDraftStep } from "@/app/apply/actions";
import { DiscardDraftButton } from "@/components/portal/discard-draft-button";
import { APPLY_WIZARD_STEPS } from "@/domain/application";
import { formatDateTime } from "@/i18n/format";
import { listMyDrafts } from "@/server/application/list-my-drafts";
import type { serviceContext } from "@/server/web/service-context";

/**
 * The applicant's unsubmitted drafts (issue 15): each resumes at the step it was left at, or is
 * deleted after a confirmation. Nothing when there is none.
 */
export async function DraftApplications({ ctx, locale }: { ctx: Awaited<ReturnType<typeof serviceContext>>; locale: string }) {
  const drafts = await listMyDrafts(ctx, {});
  if (drafts.length === 0) return null;
  const [t, w] = await Promise.all([getTranslations("draftApplications"), getTranslations("applyWizard")]);
  const labels = { delete: t("delete"), confirm: t("confirm"), confirmYes: t("confirmYes"), confirmNo: t("confirmNo"), working: w("working") };
  return (
    <Card title={t("title")} id="drafts">
      <p className="mb-3 text-slate-700">{t("intro")}</p>
      <ul className="divide-y divide-slate-100" data-testid="draft-applications">
        {drafts.map((d) => (
          <li key={d.id} className="space-y-2 py-3" data-testid="draft-application" data-application-id={d.id} data-step={d.resumeAt}>
            <p className="font-medium text-slate-900">
              {locale === "en" ? d.profile.nameEn : d.profile.nameZh}
              <span className="font-normal text-slate-700"> · {d.organisationName ? t("forOrganisation", { name: d.organisationName }) : t("forSelf")}</span>
            </p>
            <p className="text-sm text-slate-700">
              {t("stoppedAt", { n: APPLY_WIZARD_STEPS.indexOf(d.resumeAt) + 1, step: w(`step.${d.resumeAt}`) })} · {t("savedAt", { time: formatDateTime(d.updatedAt, locale) })}
            </p>
            <div className="flex flex-wrap gap-2">
              <a href={`/apply?draft=${d.id}&step=${d.resumeAt}`} className={buttonClass.primary} data-testid="resume-draft">
                {t("resume")}
              </a>
              <DiscardDraftButton applicationId={d.id} version={d.version} labels={labels} discard={discardDraftStep} />
            </div>
          </li>
        ))}
      </ul>
    </Card>
  );
}
