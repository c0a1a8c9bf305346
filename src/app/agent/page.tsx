import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDate } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { listOrganisationCertificates } from "@/server/certificate/list-organisation-certificates";
import { CertificatesPager } from "./_components/certificates-pager";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("agentPage"))("title") };
}

/** The agent's page: the organisations they act for (scope, validity) and those organisations' certificates. */
export default async function AgentPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  // Checked here too: a layout is not re-run on every navigation inside it, a page is.
  const user = await requireArea("agent");
  const [t, cs, tEnum, locale, ctx] = await Promise.all([
    getTranslations("agentPage"),
    getTranslations("certificateState"),
    getTranslations("enums"),
    getLocale(),
    serviceContext(user),
  ]);
  // Anything but a plain page number (hostile or stale links) shows the first page.
  const pageParam = (await searchParams).page ?? "";
  const data = await listOrganisationCertificates(ctx, { page: /^[1-9]\d{0,5}$/.test(pageParam) ? Number(pageParam) : 1 });
  const orgs = [
    ...[...data.agentFor, ...data.awaitingCheck].map((a) => ({ key: a.authorisationId, id: a.id, name: a.name, code: a.unifiedSocialCreditCode, how: t("asAgent"), scope: a.scope as string[], validUntil: a.validUntil as Date | null, verified: a.verified })),
    ...data.memberships.map((m) => ({ key: `${m.id}-${m.role}`, id: m.id, name: m.name, code: m.unifiedSocialCreditCode, how: t(m.role === "ADMIN" ? "asAdmin" : "asMember"), scope: [] as string[], validUntil: null as Date | null, verified: true })),
  ];
  return (
    <div className="space-y-6" data-testid="area-agent">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card title={t("orgsTitle")} id="organisations">
        {orgs.length === 0 ? (
          <p className="text-slate-700">{t("noOrgs")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agent-organisations">
            {orgs.map((o) => (
              <li key={o.key} className="py-3" data-verified={o.verified}>
                <p className="font-medium">{o.name}</p>
                <p className="text-sm text-slate-600">
                  {t("uscc")}: <span className="font-mono">{o.code}</span> · {o.how}
                </p>
                {o.verified ? null : <p className="text-sm font-medium text-amber-800">{t("unverified")}</p>}
                {o.scope.length ? (
                  <p className="text-sm text-slate-700">
                    {t("scope")}: {o.scope.map((s) => tEnum(`AgentScope.${s}`)).join(locale === "en" ? ", " : "、")}
                    {o.validUntil ? ` · ${t("validUntil")} ${formatDate(o.validUntil)}` : ""}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card title={t("certsTitle")} id="certificates">
        {data.certificates.length === 0 ? (
          <p className="text-slate-700">{t("noCerts")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="agent-certificates">
            {data.certificates.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <span className="min-w-0">
                  <Link href={`/certificates/${c.id}`} className={`${buttonClass.link} font-medium`}>
                    {locale === "en" ? c.profile.nameEn : c.profile.nameZh}
                  </Link>
                  <span className="block break-all text-sm text-slate-600">
                    {c.subjectDn} · {t("expires")} {formatDate(c.notAfter)}
                  </span>
                </span>
                <span className="flex items-center gap-2">
                  <span className="rounded-full bg-brand-50 px-3 py-0.5 text-sm font-medium text-brand-800">{cs(c.status)}</span>
                  {c.can.renew.ok ? (
                    <Link href={`/agent/renew/${c.id}`} className={buttonClass.smallPrimary}>
                      {t("renew")}
                    </Link>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        <CertificatesPager page={data.page} />
      </Card>
    </div>
  );
}
