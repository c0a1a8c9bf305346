import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { OpenSupportForm } from "./_components/support-forms";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { settings } from "@/config/settings";
import { listMySupportRequests } from "@/server/support/list-my-support-requests";
import { listMyCertificates } from "@/server/certificate/list-my-certificates";

export async function generateMetadata() {
  return { title: (await getTranslations("supportPage"))("title") };
}

/** Clause 2.4: online customer service — my requests and a new one. */
export default async function SupportPage() {
  const user = await requireUser();
  const ctx = await serviceContext(user);
  const [t, locale, requests, certificates] = await Promise.all([getTranslations("supportPage"), getLocale(), listMySupportRequests(ctx, {}), listMyCertificates(ctx, {})]);
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro", { hotline: settings().hotline })}>{t("title")}</PageTitle>
      <Card title={t("mineTitle")} id="mine">
        {requests.length === 0 ? (
          <p className="text-slate-700">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="support-requests">
            {requests.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/support/${r.id}`} className={buttonClass.link}>
                  {r.subject}
                </Link>
                <span className="text-sm text-slate-600">
                  {t(`status_${r.status}`)} · {formatDateTime(r.updatedAt, locale)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("newTitle")} id="new">
        <OpenSupportForm
          certificates={certificates.map((c) => ({ id: c.id, label: `${locale === "en" ? c.profile.nameEn : c.profile.nameZh} · ${c.serialHex}` }))}
          labels={{ subject: t("subject"), body: t("body"), certificate: t("certificate"), none: t("noCertificate"), submit: t("submit"), pending: t("pending") }}
        />
      </Card>
    </div>
  );
}
