import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveObjectionAction } from "@/app/ra/actions/officer-actions";
import { CertificateSummary } from "@/components/console/certificate-summary";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Select, TextArea } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";
import { serviceContext } from "@/server/auth/service-context";
import { isDomainError } from "@/server/core/errors";
import { getObjectionCase } from "@/server/ui-queries/console/officer-cases";

export async function generateMetadata() {
  return { title: (await getTranslations("console.objection"))("title") };
}

type Props = { params: Promise<{ objectionId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

export default async function Page({ params, searchParams }: Props) {
  const user = await requireRole(...AREA_ROLES.ra);
  const [{ objectionId }, sp] = await Promise.all([params, searchParams]);
  const o = await getObjectionCase(await serviceContext(user), { objectionId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.objection")]);
  const here = `/ra/objections/${o.id}`;
  return (
    <div className="space-y-6" data-testid="objection-case">
      <PageTitle>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p><Link href="/ra" className={buttonClass.link}>{t("back")}</Link></p>
      <Card title={t("objection")}>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="font-medium">{t("status")}</dt>
          <dd data-testid="objection-status">{o.status}{o.resolution ? ` · ${o.resolution}` : ""}</dd>
          <dt className="font-medium">{t("raisedBy")}</dt>
          <dd>{o.raisedBy.email} · {formatDateTime(o.raisedAt, locale)}{o.late ? ` · ${t("late")}` : ""}</dd>
          <dt className="font-medium">{t("reason")}</dt>
          <dd>{o.reason}</dd>
          <dt className="font-medium">{t("test")}</dt>
          <dd className="break-all">
            {o.testResult ? `${o.testResult.kind} · ${o.testResult.passed ? t("passed") : t("failed")} · ${formatDateTime(o.testResult.runAt, locale)}` : "—"}
            {o.testResult ? <pre className="mt-1 whitespace-pre-wrap text-xs">{o.testResult.details}</pre> : null}
          </dd>
          {o.note ? (
            <>
              <dt className="font-medium">{t("note")}</dt>
              <dd>{o.note}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <Card title={t("certificate")}>
        <CertificateSummary cert={o.certificate} locale={locale} />
      </Card>
      {o.status === "OPEN" ? (
        <Card title={t("resolve")}>
          <form action={resolveObjectionAction} className="space-y-3">
            <input type="hidden" name="objectionId" value={o.id} />
            <input type="hidden" name="back" value={here} />
            <Field id="resolution" label={t("resolution")}>
              <Select id="resolution" name="resolution">
                {(["CONSULTATION", "REVOCATION", "CHANGE"] as const).map((r) => (
                  <option key={r} value={r}>{t(`resolutions.${r}`)}</option>
                ))}
              </Select>
            </Field>
            <Field id="note" label={t("resolutionNote")}><TextArea id="note" name="note" required /></Field>
            <SubmitButton pendingLabel={t("working")}>{t("resolveButton")}</SubmitButton>
          </form>
        </Card>
      ) : null}
    </div>
  );
}
