import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { noActionOnReportAction, revokeOnReportAction, sendPreliminaryAction } from "@/app/ra/problem-reports/actions";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getProblemReport } from "@/server/problem-report/get-problem-report";
import { ReportClock } from "../_components/report-clock";

export async function generateMetadata() {
  return { title: (await getTranslations("console.problemReports"))("caseTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

/** One problem report: what was reported, the clock, the preliminary report, then the outcome (what `can` allows). */
export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("ra");
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  const r = await getProblemReport(await serviceContext(user), { id }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t, e, refusal] = await Promise.all([getLocale(), getTranslations("console.problemReports"), getTranslations("enums"), getTranslations("actionRefusal")]);
  const here = `/ra/problem-reports/${r.id}`;
  const hidden = (
    <>
      <input type="hidden" name="id" value={r.id} />
      <input type="hidden" name="back" value={here} />
    </>
  );
  const conflict = !r.can.sendPreliminary.ok && r.can.sendPreliminary.reason === "CONFLICT_OF_INTEREST";
  return (
    <div className="space-y-6" data-testid="problem-report-case" data-status={r.status}>
      <PageTitle>{t("caseHeading", { reference: r.reference })}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} namespace="console.problemReports.outcome" />
      <p><Link href="/ra/problem-reports" className={buttonClass.link}>{t("back")}</Link></p>
      <Card title={t("report")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("col.status")}</dt>
          <dd data-testid="report-status">{t(`status.${r.status}`)}</dd>
          <dt className="font-medium">{t("col.category")}</dt>
          <dd>
            {t(`category.${r.category}`)}
            {r.keyCompromiseDemonstrated ? <div className="font-medium text-red-800" data-testid="key-compromise-demonstrated">{t("demonstrated")} ({t(`proof.${r.keyProof}`)})</div> : null}
          </dd>
          <dt className="font-medium">{t("receivedAt")}</dt>
          <dd>{formatDateTime(r.receivedAt, locale)}</dd>
          <dt className="font-medium">{t("dueAt")}</dt>
          <dd>
            {formatDateTime(r.preliminaryDueAt, locale)} <ReportClock clock={r.clock} met={r.preliminaryMet} />
          </dd>
          <dt className="font-medium">{t("reporter")}</dt>
          <dd className="break-all">{[r.reporter.name, r.reporter.email].filter(Boolean).join(" · ")}</dd>
          <dt className="font-medium">{t("description")}</dt>
          <dd className="whitespace-pre-wrap break-words">{r.description}</dd>
        </dl>
      </Card>
      <Card title={t("certificate")}>
        <p className="break-all text-sm">{r.certificate.subjectDn}</p>
        <p className="break-all text-sm" data-testid="report-certificate-status" data-status={r.certificate.status}>
          {r.certificate.serialHex} · {e(`CertificateStatus.${r.certificate.status}`)}
          {r.certificate.revocationReason ? ` · ${e(`RevocationReason.${r.certificate.revocationReason}`)}` : ""}
        </p>
      </Card>
      {r.preliminary ? (
        <Card title={t("preliminary")}>
          <p className="text-sm text-slate-600">{formatDateTime(r.preliminary.at, locale)}</p>
          <p className="whitespace-pre-wrap break-words">{r.preliminary.text}</p>
        </Card>
      ) : null}
      {r.decision ? (
        <Card title={t("decision")}>
          <p data-testid="report-outcome" data-outcome={r.decision.outcome}>
            {t(`outcomes.${r.decision.outcome}`)}
            {r.decision.ground ? ` · ${e(`CaRevocationGround.${r.decision.ground}`)}` : ""}
            {r.decision.revocationReason ? ` · ${e(`RevocationReason.${r.decision.revocationReason}`)}` : ""}
          </p>
          <p className="whitespace-pre-wrap break-words">{r.decision.reason}</p>
        </Card>
      ) : null}
      {conflict ? <p className="text-slate-700" data-testid="officer-refusal">{refusal("CONFLICT_OF_INTEREST")}</p> : null}
      {r.can.sendPreliminary.ok ? (
        <Card title={t("sendPreliminary")}>
          <form action={sendPreliminaryAction} className="space-y-2">
            {hidden}
            <Field id="preliminary-text" label={t("preliminaryText")}><TextArea id="preliminary-text" name="text" required minLength={10} maxLength={4000} /></Field>
            <SubmitButton pendingLabel={t("working")}>{t("sendPreliminaryButton")}</SubmitButton>
          </form>
        </Card>
      ) : null}
      {r.can.decide.ok ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Card title={t("revoke")}>
            {r.can.revoke.ok ? (
              <form action={revokeOnReportAction} className="space-y-2">
                {hidden}
                <Field id="ground" label={t("ground")}>
                  <Select id="ground" name="ground" defaultValue={r.grounds[0]}>
                    {r.grounds.map((g) => (
                      <option key={g} value={g}>{e(`CaRevocationGround.${g}`)}</option>
                    ))}
                  </Select>
                </Field>
                <Field id="revoke-explanation" label={t("explanation")}><TextArea id="revoke-explanation" name="explanation" required minLength={10} maxLength={4000} /></Field>
                <SubmitButton pendingLabel={t("working")}>{t("revokeButton")}</SubmitButton>
              </form>
            ) : (
              <p className="text-sm text-slate-700" data-testid="revoke-refusal">{refusal(r.can.revoke.reason)}</p>
            )}
          </Card>
          <Card title={t("noAction")}>
            <form action={noActionOnReportAction} className="space-y-2">
              {hidden}
              <Field id="no-action-explanation" label={t("noActionReason")}><TextArea id="no-action-explanation" name="explanation" required minLength={10} maxLength={4000} /></Field>
              <SubmitButton pendingLabel={t("working")} variant="secondary">{t("noActionButton")}</SubmitButton>
            </form>
          </Card>
        </div>
      ) : null}
    </div>
  );
}
