import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import type { listMyOrganisationApplications } from "@/server/application/list-my-organisation-applications";

type Item = Awaited<ReturnType<typeof listMyOrganisationApplications>>[number];

/** The applications the signed-in person made for organisations (issue 15): beside their own, with the organisation named. */
export async function OrganisationApplications({ applications }: { applications: Item[] }) {
  if (applications.length === 0) return null;
  const [t, e, locale] = await Promise.all([getTranslations("dashboardOrganisationApplications"), getTranslations("enums"), getLocale()]);
  return (
    <Card title={t("title")} id="organisation-applications">
      <p className="mb-2 text-sm text-slate-700">{t("intro")}</p>
      <ul className="divide-y divide-slate-100" data-testid="organisation-applications">
        {applications.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-3" data-testid="organisation-application" data-id={a.id}>
            <span className="min-w-0">
              <Link href={`/applications/${a.id}`} className={buttonClass.link}>
                {e(`ApplicationKind.${a.kind}`)} · {locale === "en" ? a.profile.nameEn : a.profile.nameZh}
              </Link>
              <span className="block break-words text-sm text-slate-700">{t("for", { name: a.organisation && !a.organisation.anonymisedAt ? a.organisation.name : t("anonymised") })}</span>
              <span className="block text-sm text-slate-600">{t("created", { at: formatDateTime(a.createdAt, locale) })}</span>
            </span>
            <span className="rounded-full bg-slate-100 px-3 py-0.5 text-sm font-medium text-slate-800" data-status={a.status}>
              {e(`ApplicationStatus.${a.status}`)}
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
