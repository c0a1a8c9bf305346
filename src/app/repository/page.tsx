import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDate } from "@/i18n/format";
import { serviceContext } from "@/server/web/service-context";
import { listCaCertificates } from "@/server/ca-service/list-ca-certificates";
import { OcspExample } from "./_components/ocsp-example";
import { Sm2Check } from "./_components/sm2-check";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("repositoryPage"))("title") };
}

/** The repository (clause 2.1): CA certificates, CRLs, the OCSP and timestamp addresses, and the certificate policies. */
export default async function RepositoryPage() {
  const [t, tEnum, locale, ctx] = await Promise.all([getTranslations("repositoryPage"), getTranslations("enums"), getLocale(), serviceContext()]);
  const { cas, ocspUrl, tsaUrl, policies } = await listCaCertificates(ctx, {});
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      {cas.length === 0 ? <Alert tone="info">{t("none")}</Alert> : null}
      {cas.map((ca) => (
        <Card key={ca.name} title={`${t(`role_${ca.role}`)} · ${ca.name}`} id={`ca-${ca.name}`}>
          <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
            <dt className="font-medium text-slate-600">{t("subject")}</dt>
            <dd className="break-all">{ca.subjectDn}</dd>
            <dt className="font-medium text-slate-600">{t("algorithm")}</dt>
            <dd>{ca.algorithm}</dd>
            <dt className="font-medium text-slate-600">{t("validity")}</dt>
            <dd>
              {formatDate(ca.notBefore)} – {formatDate(ca.notAfter)}
            </dd>
          </dl>
          <ul className="mt-4 flex flex-wrap gap-3">
            <li>
              <a href={ca.certificateUrl} className={buttonClass.secondary} data-testid="ca-cert-link" download>
                {t("certificate")}
                <span className="sr-only"> {ca.name}</span>
              </a>
            </li>
            {ca.crlUrls.map((u, i) => (
              <li key={u}>
                <a href={u} className={buttonClass.secondary} data-testid="crl-link" download>
                  {t("crl")}
                  {ca.crlUrls.length > 1 ? ` ${i}` : ""}
                  <span className="sr-only"> {ca.name}</span>
                </a>
              </li>
            ))}
          </ul>
        </Card>
      ))}
      <Card title={t("ocspTitle")} id="ocsp">
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("ocsp")}</dt>
          <dd className="break-all font-mono text-sm" data-testid="ocsp-url">
            {ocspUrl}
          </dd>
          <dt className="font-medium text-slate-600">{t("tsa")}</dt>
          <dd className="break-all font-mono text-sm">{tsaUrl}</dd>
        </dl>
        <p className="mt-4 font-medium text-slate-700">{t("opensslHint")}</p>
        <OcspExample cas={cas} ocspUrl={ocspUrl} />
      </Card>
      {cas.some((c) => c.algorithm === "SM2") ? (
        <Card title={t("sm2Title")} id="sm2">
          <Sm2Check cas={cas} />
        </Card>
      ) : null}
      {policies.length > 0 ? (
        <Card title={t("policiesTitle")} id="policies">
          <p className="text-slate-700">{t("policiesIntro")}</p>
          <ul className="mt-4 space-y-4">
            {policies.map((p) => (
              <li key={p.code} className="border-t border-slate-200 pt-3" data-testid="policy" data-oid={p.policyOid}>
                <p className="font-medium">
                  {locale === "en" ? p.nameEn : p.nameZh} · {tEnum(`ProfileKind.${p.kind}`)} · {tEnum(`SubjectType.${p.subjectType}`)}
                </p>
                <dl className="mt-1 grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                  <dt className="font-medium text-slate-600">{t("policyOid")}</dt>
                  <dd className="break-all font-mono text-sm">{p.policyOid}</dd>
                  <dt className="font-medium text-slate-600">{t("policyValidity")}</dt>
                  <dd>{t("policyValidityDays", { days: p.validityDays })}</dd>
                  <dt className="font-medium text-slate-600">{t("policyScope")}</dt>
                  <dd>{p.usageScope}</dd>
                </dl>
              </li>
            ))}
          </ul>
          <p className="mt-4">
            <a href="/agreement" className="font-medium text-sky-800 underline">
              {t("policyAgreement")}
            </a>
          </p>
          <p className="mt-2">
            <Link href="/fees" className="font-medium text-sky-800 underline">
              {(await getTranslations("feesPage"))("link")}
            </Link>
          </p>
        </Card>
      ) : null}
    </div>
  );
}
