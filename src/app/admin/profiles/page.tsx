import { getLocale, getTranslations } from "next-intl/server";
import { setProfileAction } from "@/app/admin/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { inputClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listProfilesForAdmin } from "@/server/application/list-profiles-for-admin";

export async function generateMetadata() {
  return { title: (await getTranslations("console.profiles"))("title") };
}

const HERE = "/admin/profiles";

export default async function Page({ searchParams }: { searchParams: Promise<{ ok?: string; error?: string }> }) {
  const user = await requireArea("admin");
  const sp = await searchParams;
  const [locale, t, e] = await Promise.all([getLocale(), getTranslations("console.profiles"), getTranslations("enums")]);
  // The scope text is stored as "中文 / English".
  const scope = (s: string) => {
    const [zh, en] = s.split(" / ");
    return (locale === "en" ? en : zh) ?? s;
  };
  const profiles = await listProfilesForAdmin(await serviceContext(user), {});
  return (
    <div className="space-y-6" data-testid="admin-profiles">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="admin" current={HERE} />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      {profiles.map((p) => (
        <Card key={p.code} title={locale === "en" ? p.nameEn : p.nameZh} headingLevel={2}>
          <dl className="mb-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm text-slate-700" data-profile={p.code} data-kind={p.kind} data-subject-type={p.subjectType}>
            <dt className="font-medium">{t("kind")}</dt>
            <dd>{e(`ProfileKind.${p.kind}`)} · {e(`SubjectType.${p.subjectType}`)}</dd>
            <dt className="font-medium">{t("validity")}</dt>
            <dd>{t("days", { days: p.validityDays })}</dd>
            <dt className="font-medium">{t("renewalWindow")}</dt>
            <dd data-testid="profile-renewal-window">
              {t("renewalWindowValue", { before: p.renewalOpensDaysBefore, after: p.renewalClosesDaysAfter })} · {t(p.renewalContinuesValidity ? "renewalContinues" : "renewalRestarts")}
            </dd>
            <dt className="font-medium">{t("scope")}</dt>
            <dd>{scope(p.usageScope)}</dd>
            <dt className="font-medium">{t("ca")}</dt>
            <dd data-testid="profile-issuers">{p.issuers.length > 0 ? p.issuers.map((ca) => t("issuer", { name: ca.name, algorithm: ca.algorithm })).join(locale === "en" ? "; " : "；") : t("noIssuer")}</dd>
            <dt className="font-medium">{t("issued")}</dt>
            <dd>{p._count.certificates}</dd>
          </dl>
          <form action={setProfileAction} className="flex flex-wrap items-end gap-4" data-testid={`profile-${p.code}`}>
            <input type="hidden" name="back" value={HERE} />
            <input type="hidden" name="code" value={p.code} />
            <div className="space-y-1">
              <label htmlFor={`fee-${p.code}`} className="block text-sm font-medium">{t("fee")}</label>
              <input id={`fee-${p.code}`} name="feeYuan" inputMode="decimal" required defaultValue={(p.feeCents / 100).toFixed(2)} className={inputClass} />
            </div>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="active" defaultChecked={p.active} className="h-5 w-5" />
              {t("active")}
            </label>
            <SubmitButton pendingLabel={t("working")} variant="secondary">{t("save")}</SubmitButton>
          </form>
        </Card>
      ))}
    </div>
  );
}
