import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CaseCertificate } from "@/app/ra/_components/case-certificate";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { ScrollTable } from "@/components/console/scroll-table";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getObjectionView } from "@/server/certificate/certificate-case-views";
import { resolveObjectionWithReasonAction } from "./actions";
import { TestDetails } from "./test-details";

export async function generateMetadata() {
  return { title: (await getTranslations("console.objection"))("title") };
}

type Props = { params: Promise<{ objectionId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

const RESOLUTIONS = ["CONSULTATION", "REVOCATION", "CHANGE"] as const;
/** The reasons resolveObjection accepts when the outcome is revocation (the subscriber's side of RFC 5280). */
const REVOCATION_REASONS = ["UNSPECIFIED", "KEY_COMPROMISE", "AFFILIATION_CHANGED", "CESSATION_OF_OPERATION", "PRIVILEGE_WITHDRAWN"] as const;

export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("ra");
  const [{ objectionId }, sp] = await Promise.all([params, searchParams]);
  const o = await getObjectionView(await serviceContext(user), { objectionId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t, e, refusal] = await Promise.all([getLocale(), getTranslations("console.objection"), getTranslations("enums"), getTranslations("actionRefusal")]);
  const here = `/ra/objections/${o.id}`;
  const testLabel = (kind: string, passed: boolean) => `${e(`CertificateTestKind.${kind}`)} · ${passed ? t("passed") : t("failed")}`;
  return (
    <div className="space-y-6" data-testid="objection-case">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p><Link href="/ra" className={buttonClass.link}>{t("back")}</Link></p>
      <Card title={t("objection")}>
        <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-600">{t("status")}</dt>
          <dd data-testid="objection-status" data-status={o.status} data-resolution={o.resolution ?? ""}>
            {o.resolution ? e(`ObjectionResolution.${o.resolution}`) : e(`ObjectionStatus.${o.status}`)}
          </dd>
          <dt className="font-medium text-slate-600">{t("raisedBy")}</dt>
          <dd className="break-all">{o.raisedBy.displayName ? `${o.raisedBy.displayName} · ` : ""}{o.raisedBy.email}</dd>
          <dt className="font-medium text-slate-600">{t("raisedAt")}</dt>
          <dd>{formatDateTime(o.raisedAt, locale)}</dd>
          <dt className="font-medium text-slate-600">{t("reason")}</dt>
          <dd className="whitespace-pre-wrap break-words" data-testid="objection-reason">{o.reason}</dd>
          {o.resolvedAt ? (
            <>
              <dt className="font-medium text-slate-600">{t("resolvedAt")}</dt>
              <dd className="break-all">{formatDateTime(o.resolvedAt, locale)}{o.resolvedBy ? ` · ${o.resolvedBy.email}` : ""}</dd>
            </>
          ) : null}
          {o.note ? (
            <>
              <dt className="font-medium text-slate-600">{t("note")}</dt>
              <dd className="whitespace-pre-wrap break-words" data-testid="objection-note">{o.note}</dd>
            </>
          ) : null}
        </dl>
        {o.late ? <div className="mt-3"><Alert tone="info">{t("late")}</Alert></div> : null}
      </Card>

      <Card title={t("failedTest")}>
        {o.testResult ? (
          <div className="space-y-2 text-sm" data-testid="objection-test" data-kind={o.testResult.kind} data-passed={String(o.testResult.passed)}>
            <p className="font-medium">{testLabel(o.testResult.kind, o.testResult.passed)} · {formatDateTime(o.testResult.runAt, locale)}</p>
            <TestDetails details={o.testResult.details} />
          </div>
        ) : (
          <p className="text-sm" data-testid="objection-test" data-kind="">{t("noTest")}</p>
        )}
        {o.runs.length > 0 ? (
          <div className="mt-4">
            <h3 className="mb-2 text-base font-semibold">{t("allRuns")}</h3>
            <ScrollTable label={t("allRuns")}>
              <table className="w-full min-w-[28rem] text-left text-sm">
                <thead>
                  <tr className="border-b border-slate-200">
                    <th scope="col" className="py-1 pr-3">{t("runAt")}</th>
                    <th scope="col" className="py-1 pr-3">{t("kind")}</th>
                    <th scope="col" className="py-1 pr-3">{t("result")}</th>
                    <th scope="col" className="py-1">{t("found")}</th>
                  </tr>
                </thead>
                <tbody>
                  {o.runs.map((r) => (
                    <tr key={r.id} className="border-b border-slate-100 align-top" data-testid="test-run" data-kind={r.kind} data-passed={String(r.passed)}>
                      <td className="py-1 pr-3 whitespace-nowrap">{formatDateTime(r.runAt, locale, { zone: false })}</td>
                      <td className="py-1 pr-3">{e(`CertificateTestKind.${r.kind}`)}{r.isObjectionTest ? ` · ${t("attached")}` : ""}</td>
                      <td className="py-1 pr-3">{r.passed ? t("passed") : t("failed")}</td>
                      <td className="py-1"><TestDetails details={r.details} compact /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </div>
        ) : null}
      </Card>

      <Card title={t("certificate")}>
        <CaseCertificate cert={o.certificate} locale={locale} />
      </Card>

      {!o.can.resolve.ok && o.can.resolve.reason === "CONFLICT_OF_INTEREST" ? (
        <p className="text-slate-700" data-testid="officer-refusal" data-reason={o.can.resolve.reason}>{refusal(o.can.resolve.reason)}</p>
      ) : null}
      {o.can.resolve.ok ? (
        <Card title={t("resolve")}>
          <ul className="mb-4 space-y-2 text-sm" data-testid="resolution-help">
            {RESOLUTIONS.map((r) => (
              <li key={r}><span className="font-medium">{t(`resolutions.${r}`)}</span>: {t(`resolutionHelp.${r}`)}</li>
            ))}
          </ul>
          <form action={resolveObjectionWithReasonAction} className="space-y-3">
            <input type="hidden" name="objectionId" value={o.id} />
            <input type="hidden" name="back" value={here} />
            <Field id="resolution" label={t("resolution")}>
              <Select id="resolution" name="resolution">
                {RESOLUTIONS.map((r) => (
                  <option key={r} value={r}>{t(`resolutions.${r}`)}</option>
                ))}
              </Select>
            </Field>
            <Field id="revocationReason" label={t("revocationReason")}>
              <Select id="revocationReason" name="revocationReason" defaultValue="UNSPECIFIED">
                {REVOCATION_REASONS.map((r) => (
                  <option key={r} value={r}>{e(`RevocationReason.${r}`)}</option>
                ))}
              </Select>
            </Field>
            <Field id="note" label={t("resolutionNote")}><TextArea id="note" name="note" required maxLength={2000} /></Field>
            <SubmitButton pendingLabel={t("working")}>{t("resolveButton")}</SubmitButton>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
