import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDate } from "@/i18n/format";
import { listMyCertificates } from "@/server/certificate/list-my-certificates";
import { isAgent } from "@/server/auth";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("certificatesPage"))("title") };
}

/**
 * The test page address the subscriber agreement names (clause 1.8): a stable URL, so it lists the
 * signed-in person's certificates, each with its own test page and its details. Organisation
 * certificates an agent acts for are on the agent page, as on the dashboard: an agent is pointed there.
 */
export default async function CertificatesPage() {
  const user = await requireUser();
  const [t, cs, locale, ctx] = await Promise.all([getTranslations("certificatesPage"), getTranslations("certificateState"), getLocale(), serviceContext(user)]);
  const certificates = await listMyCertificates(ctx, {});
  const name = (c: (typeof certificates)[number]) => (locale === "en" ? c.profile.nameEn : c.profile.nameZh);
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        {certificates.length === 0 ? (
          <p className="text-slate-700">{t("empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="certificates-list">
            {certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="certificates-item">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{name(c)}</p>
                  <p className="break-all text-sm text-slate-600">
                    {t("serial")}: <code>{c.serialHex}</code>
                  </p>
                  <p className="text-sm text-slate-700">
                    {t("validity", { from: formatDate(c.notBefore), until: formatDate(c.notAfter) })} · <span data-status={c.status}>{cs(c.status)}</span>
                  </p>
                </div>
                <div className="flex flex-wrap gap-3">
                  <Link href={`/certificates/${c.id}/test`} className={buttonClass.secondary} data-testid="certificates-test-link">
                    {t("test")}
                  </Link>
                  <Link href={`/certificates/${c.id}`} className={buttonClass.link}>
                    {t("details")}
                    <span className="sr-only"> {c.serialHex}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {isAgent(user) ? (
        <p className="text-sm text-slate-700" data-testid="certificates-agent-note">
          {t.rich("agentCertificates", {
            link: (chunks) => (
              <Link href="/agent" className={buttonClass.link}>
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
    </div>
  );
}
