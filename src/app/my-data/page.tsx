import { getLocale, getTranslations } from "next-intl/server";
import { DeletionForm } from "./_components/deletion-form";
import { HeldRecords } from "./_components/held-records";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { getMyAccount } from "@/server/account/get-my-account";
import { listMyAcceptances } from "@/server/agreement/list-my-acceptances";
import { listMyPrivacyRequests } from "@/server/privacy/list-my-privacy-requests";
import { listMyIdentities } from "@/server/subscriber/list-my-identities";

export async function generateMetadata() {
  return { title: (await getTranslations("myDataPage"))("title") };
}

/** Clause 6: download what the portal holds about me, or ask for it to be deleted. */
export default async function MyDataPage() {
  const user = await requireUser();
  const [t, locale, ctx] = await Promise.all([getTranslations("myDataPage"), getLocale(), serviceContext(user)]);
  const [account, identities, acceptances, requests] = await Promise.all([getMyAccount(ctx, {}), listMyIdentities(ctx, {}), listMyAcceptances(ctx, {}), listMyPrivacyRequests(ctx, {})]);
  const when = (d: Date) => formatDateTime(d, locale);
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <HeldRecords account={account} identities={identities} acceptances={acceptances} requests={requests} when={when} />
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
