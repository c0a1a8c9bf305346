import { getLocale, getTranslations } from "next-intl/server";
import { DeletionForm } from "./_components/deletion-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { catalogLang } from "@/i18n/locales";
import { requireUser } from "@/server/web/guards";

export async function generateMetadata() {
  return { title: (await getTranslations("myDataPage"))("title") };
}

/** Clause 6: download what the portal holds about me, or ask for it to be deleted. */
export default async function MyDataPage() {
  await requireUser();
  const [t, locale] = await Promise.all([getTranslations("myDataPage"), getLocale()]);
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card title={t("exportTitle")} id="export">
        <p className="mb-3 text-slate-700">{t("exportBody")}</p>
        <form method="post" action="/my-data/export">
          <button type="submit" className={buttonClass.primary}>
            {t("exportButton")}
          </button>
        </form>
      </Card>
      <Card title={t("deleteTitle")} id="delete">
        <p className="mb-3 text-slate-700">{t("deleteBody")}</p>
        <DeletionForm
          lang={catalogLang(locale)}
          labels={{ confirm: t("deleteConfirm"), submit: t("deleteButton"), pending: t("deletePending"), done: t("deleteDone"), erased: t("erased"), kept: t("kept"), until: t("until") }}
        />
      </Card>
    </div>
  );
}
