import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/auth/guards";
import { areasFor } from "@/server/auth/roles";

export async function generateMetadata() {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const user = await requireUser();
  const [t, tr, nav, locale] = await Promise.all([getTranslations("dashboard"), getTranslations("roles"), getTranslations("nav"), getLocale()]);
  const areas = areasFor(user.roles);
  return (
    <div className="space-y-6">
      <PageTitle>{t("welcome", { name: user.displayName ?? user.email })}</PageTitle>

      <Card title={t("accountTitle")} id="account">
        <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("email")}</dt>
          <dd className="break-all" data-testid="account-email">
            {user.email}
          </dd>
          <dt className="font-medium text-slate-600">{t("roles")}</dt>
          <dd>
            <ul className="flex flex-wrap gap-2" data-testid="account-roles">
              {user.roles.map((r) => (
                <li key={r} className="rounded-full bg-brand-50 px-3 py-0.5 text-sm font-medium text-brand-800">
                  {tr(r)}
                </li>
              ))}
            </ul>
          </dd>
          <dt className="font-medium text-slate-600">{t("memberSince")}</dt>
          <dd>
            <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt, locale)}</time>
          </dd>
        </dl>
      </Card>

      {areas.length > 0 ? (
        <Card title={t("staffAreas")} id="areas">
          <ul className="flex flex-wrap gap-3">
            {areas.map((a) => (
              <li key={a}>
                <Link href={`/${a}`} className={buttonClass.secondary}>
                  {nav(a)}
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <div className="grid gap-6 md:grid-cols-2">
        <Card title={t("certificatesTitle")} id="certificates">
          <p className="text-slate-700">{t("certificatesEmpty")}</p>
        </Card>
        <Card title={t("applicationsTitle")} id="applications">
          <p className="text-slate-700">{t("applicationsEmpty")}</p>
        </Card>
      </div>
      <Card title={t("notificationsTitle")} id="notifications">
        <p className="text-slate-700">{t("notificationsEmpty")}</p>
      </Card>
    </div>
  );
}
