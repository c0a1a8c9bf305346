import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { catalogLang } from "@/i18n/locales";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { serviceContext } from "@/server/web/service-context";
import { getProblemReportStatus } from "@/server/problem-report/get-problem-report-status";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("problemReportPage"))("statusTitle") };
}

/** The reporter's status page, reached by the capability link of the receipt (no sign-in). */
export default async function ProblemReportStatusPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const [t, e, locale, sp] = await Promise.all([getTranslations("problemReportPage"), getTranslations("enums"), getLocale(), searchParams]);
  const token = sp.token ?? "";
  let r: Awaited<ReturnType<typeof getProblemReportStatus>>;
  try {
    r = await getProblemReportStatus(await serviceContext(null), { token });
  } catch (err) {
    if (isDomainError(err) && (err.code === "NOT_FOUND" || err.code === "VALIDATION_FAILED")) notFound();
    if (isDomainError(err)) return <Alert tone="error">{errorMessage(err.code, catalogLang(locale), err.details)}</Alert>;
    throw err;
  }
  return (
    <div className="space-y-6" data-testid="problem-report-status" data-status={r.status}>
      <PageTitle>{t("statusHeading", { reference: r.reference })}</PageTitle>
      <Card>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("serial")}</dt>
          <dd className="break-all">{r.serialHex}</dd>
          <dt className="font-medium">{t("category")}</dt>
          <dd>
            {t(`categories.${r.category}`)}
            {r.keyCompromiseDemonstrated ? <div className="font-medium">{t("receipt.demonstrated")}</div> : null}
          </dd>
          <dt className="font-medium">{t("receivedAt")}</dt>
          <dd>{formatDateTime(r.receivedAt, locale)}</dd>
          <dt className="font-medium">{t("state")}</dt>
          <dd data-testid="report-state">{t(`states.${r.status}`)}</dd>
          {!r.preliminary ? (
            <>
              <dt className="font-medium">{t("preliminaryDue")}</dt>
              <dd>{formatDateTime(r.preliminaryDueAt, locale)}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      {r.preliminary ? (
        <Card title={t("preliminary")}>
          <p className="text-sm text-slate-600">{formatDateTime(r.preliminary.at, locale)}</p>
          <p className="whitespace-pre-wrap break-words" data-testid="status-preliminary">{r.preliminary.text}</p>
        </Card>
      ) : null}
      {r.outcome ? (
        <Card title={t("outcome")}>
          <p data-testid="status-outcome" data-outcome={r.outcome.outcome}>
            {t(`outcomes.${r.outcome.outcome}`)}
            {r.outcome.revocationReason ? ` · ${e(`RevocationReason.${r.outcome.revocationReason}`)}` : ""}
          </p>
          <p className="text-sm text-slate-600">{formatDateTime(r.outcome.at, locale)}</p>
          <p className="whitespace-pre-wrap break-words">{r.outcome.reason}</p>
        </Card>
      ) : null}
    </div>
  );
}
