import Link from "next/link";
import { PaymentInstructions } from "@/components/portal/payment-instructions";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { settings } from "@/config/settings";
import { formatDate } from "@/i18n/format";
import { listFeeSchedule } from "@/server/public/list-fee-schedule";
import { serviceContext } from "@/server/web/service-context";
import { FeeList } from "./_components/fee-list";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("feesPage"))("title") };
}

/** The public fee schedule (clause 1.9: fees are announced on the website), from the profile rows the wizard reads. */
export default async function FeesPage() {
  const [t, locale, ctx] = await Promise.all([getTranslations("feesPage"), getLocale(), serviceContext()]);
  const { profiles, paymentChannels, asOf } = await listFeeSchedule(ctx, {});
  const groups = (["INDIVIDUAL", "ORGANISATION"] as const).map((s) => ({ subjectType: s, profiles: profiles.filter((p) => p.subjectType === s) })).filter((g) => g.profiles.length > 0);
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      {asOf ? (
        <p className="text-sm text-slate-600" data-testid="fees-as-of">
          {t("asOf", { date: formatDate(asOf) })}
        </p>
      ) : null}
      {groups.length === 0 ? <Alert tone="info">{t("none")}</Alert> : null}
      {groups.map((g) => (
        <Card key={g.subjectType} title={t(`subject_${g.subjectType}`)} id={`fees-${g.subjectType.toLowerCase()}`}>
          <FeeList profiles={g.profiles} locale={locale} />
        </Card>
      ))}
      <Card title={t("includesTitle")} id="fees-includes">
        <ul className="list-disc space-y-1 pl-5 text-slate-800">
          <li>{t("includes.issue")}</li>
          <li>{t("includes.renewal")}</li>
          <li>{t("includes.free")}</li>
        </ul>
      </Card>
      <Card title={t("payTitle")} id="fees-pay">
        <ul className="list-disc space-y-1 pl-5 text-slate-800" data-testid="fees-payment-channels">
          {paymentChannels.map((c) => (
            <li key={c}>{t(`pay.${c}`)}</li>
          ))}
        </ul>
        <p className="mt-3 text-slate-800">{t("payWhen")}</p>
        {/* Issue 15: the account and the reference to quote, from configuration (the application page names the reference). */}
        <div className="mt-3">
          <PaymentInstructions account={settings().waiting.payment} />
        </div>
        <p className="mt-3 text-slate-800" data-testid="fees-account-warning">
          {t("accountWarning", { hotline: settings().hotline })}
        </p>
        <p className="mt-4">
          <Link href="/apply" className={buttonClass.primary}>
            {t("apply")}
          </Link>
        </p>
      </Card>
    </div>
  );
}
