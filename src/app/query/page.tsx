import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDate, formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/web/service-context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { queryCertificates, type PublicCertificateEntry } from "@/server/public/query-certificates";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("queryPage"))("title") };
}

const BY = ["serial", "subject", "organisation"] as const;
type By = (typeof BY)[number];

const STATUS_TONE: Record<string, string> = {
  VALID: "bg-green-100 text-green-900",
  SUSPENDED: "bg-amber-100 text-amber-900",
  REVOKED: "bg-red-100 text-red-900",
  EXPIRED: "bg-slate-200 text-slate-800",
  NOT_YET_VALID: "bg-slate-200 text-slate-800",
};

/** The public certificate query (clause 1.2): a plain GET form, so a result can be linked to. */
export default async function QueryPage({ searchParams }: { searchParams: Promise<{ by?: string; q?: string }> }) {
  const [t, report, locale, sp] = await Promise.all([getTranslations("queryPage"), getTranslations("problemReportPage"), getLocale(), searchParams]);
  const by: By = (BY as readonly string[]).includes(sp.by ?? "") ? (sp.by as By) : "serial";
  const q = (sp.q ?? "").trim();
  let results: PublicCertificateEntry[] | null = null;
  let error: string | null = null;
  if (q) {
    try {
      results = (await queryCertificates(await serviceContext(), { [by]: q })).results;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      error = errorMessage(e.code, catalogLang(locale), e.details);
    }
  }
  const label = { serial: t("bySerial"), subject: t("bySubject"), organisation: t("byOrganisation") };
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        <form method="get" action="/query" className="grid gap-4 sm:grid-cols-[12rem_1fr_auto] sm:items-end">
          <div className="space-y-1">
            <label htmlFor="by" className="block font-medium">
              {t("by")}
            </label>
            <select id="by" name="by" defaultValue={by} className={inputClass}>
              {BY.map((b) => (
                <option key={b} value={b}>
                  {label[b]}
                </option>
              ))}
            </select>
          </div>
          <div className="space-y-1">
            <label htmlFor="q" className="block font-medium">
              {t("term")}
            </label>
            <input id="q" name="q" defaultValue={q} required maxLength={200} aria-describedby="q-hint" className={inputClass} />
          </div>
          <button type="submit" className={buttonClass.primary}>
            {t("submit")}
          </button>
          <p id="q-hint" className="text-sm text-slate-600 sm:col-span-3">
            {t("termHint")}
          </p>
        </form>
      </Card>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {results ? (
        <Card title={t("results", { count: results.length })} id="results">
          {results.length === 0 ? (
            <p>{t("noResults")}</p>
          ) : (
            <ul className="space-y-4" data-testid="query-results">
              {results.map((r) => (
                <li key={r.serialHex} className="rounded-md border border-slate-200 p-4">
                  <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
                    <dt className="font-medium text-slate-600">{t("serial")}</dt>
                    <dd className="break-all font-mono text-sm">{r.serialHex}</dd>
                    <dt className="font-medium text-slate-600">{t("status")}</dt>
                    <dd>
                      <span className={`rounded-full px-2 py-0.5 text-sm font-medium ${STATUS_TONE[r.status] ?? ""}`} data-testid="query-status">
                        {t(`statusNames.${r.status}`)}
                      </span>
                    </dd>
                    <dt className="font-medium text-slate-600">{t("validity")}</dt>
                    <dd>
                      {formatDate(r.notBefore)} – {formatDate(r.notAfter)}
                    </dd>
                    {r.revokedAt ? (
                      <>
                        <dt className="font-medium text-slate-600">{t("revokedAt")}</dt>
                        <dd>{formatDateTime(r.revokedAt, locale)}</dd>
                      </>
                    ) : null}
                    {r.published ? (
                      <>
                        <dt className="font-medium text-slate-600">{t("subject")}</dt>
                        <dd className="break-all">{r.subjectDn}</dd>
                        {r.profile ? (
                          <>
                            <dt className="font-medium text-slate-600">{t("profile")}</dt>
                            <dd>{locale === "en" ? r.profile.nameEn : r.profile.nameZh}</dd>
                          </>
                        ) : null}
                      </>
                    ) : null}
                  </dl>
                  {!r.published ? <p className="mt-2 text-sm text-slate-600">{t("notPublished")}</p> : null}
                  {/* Anyone who sees a problem with this certificate can report it (src/app/report-problem). */}
                  <p className="mt-2 text-sm">
                    <Link href={`/report-problem?serial=${encodeURIComponent(r.serialHex)}`} className="font-medium text-sky-800 underline" data-testid="report-problem-link">
                      {report("footerLink")}
                    </Link>
                  </p>
                </li>
              ))}
            </ul>
          )}
        </Card>
      ) : null}
    </div>
  );
}
