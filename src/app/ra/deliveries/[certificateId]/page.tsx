import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { handOverAction, mailDispatchAction, mailSignedForAction } from "@/app/ra/actions/officer-actions";
import { CaseCertificate } from "@/app/ra/_components/case-certificate";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { formatDateTime } from "@/i18n/format";
import { requireArea } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getDeliveryView, type DeliveryStep } from "@/server/certificate/certificate-case-views";

export async function generateMetadata() {
  return { title: (await getTranslations("console.delivery"))("title") };
}

type Props = { params: Promise<{ certificateId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

const STEP_KEYS: Record<string, string> = {
  "certificate.received-by-hand-over": "stepHandOver",
  "certificate.mailed": "stepMailed",
  "certificate.received-by-mail": "stepSignedFor",
};

export default async function Page({ params, searchParams }: Props) {
  const user = await requireArea("ra");
  const [{ certificateId }, sp] = await Promise.all([params, searchParams]);
  const c = await getDeliveryView(await serviceContext(user), { certificateId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t, e, refusal] = await Promise.all([getLocale(), getTranslations("console.delivery"), getTranslations("enums"), getTranslations("actionRefusal")]);
  const here = `/ra/deliveries/${c.id}`;
  const mailed = c.deliveryMethod === "MAIL" && !!c.mailTrackingNo;
  const hidden = (
    <>
      <input type="hidden" name="certificateId" value={c.id} />
      <input type="hidden" name="back" value={here} />
    </>
  );
  const stepText = (s: DeliveryStep) =>
    [
      s.method ? e(`DeliveryMethod.${s.method}`) : null,
      s.collectedBy ? t("collectedByValue", { who: s.collectedBy }) : null,
      s.trackingNo ? t("trackingValue", { no: s.trackingNo }) : null,
      s.receiptAt ? t("receiptValue", { at: formatDateTime(s.receiptAt, locale) }) : null,
    ]
      .filter(Boolean)
      .join(" · ");
  return (
    <div className="space-y-6" data-testid="delivery-case" data-delivery-method={c.deliveryMethod ?? ""} data-received={String(!!c.receiptAt)}>
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p><Link href="/ra?kind=delivery" className={buttonClass.link}>{t("back")}</Link></p>
      {c.receiptAt ? (
        <Alert tone="info" title={t("receivedTitle")}>
          <span data-testid="delivery-received">
            {t("receivedBody", { at: formatDateTime(c.receiptAt, locale), deadline: c.testWindowDeadline ? formatDateTime(c.testWindowDeadline, locale) : "—" })}
            {c.testWindowProvisional ? ` ${t("provisionalNote")}` : ""}
          </span>
        </Alert>
      ) : mailed ? (
        <Alert tone="info">{t("awaitingSignature", { no: c.mailTrackingNo ?? "" })}</Alert>
      ) : null}
      <Card title={t("certificate")}>
        <CaseCertificate cert={c} locale={locale} />
      </Card>
      <Card title={t("record")}>
        {c.steps.length === 0 ? (
          <p className="text-sm" data-testid="delivery-steps-empty">{t("noSteps")}</p>
        ) : (
          <ol className="space-y-2 text-sm" data-testid="delivery-steps">
            {c.steps.map((s, i) => (
              <li key={i} className="border-l-2 border-brand-700 pl-3" data-testid="delivery-step" data-action={s.action}>
                <p className="font-medium">{t(STEP_KEYS[s.action] ?? "stepOther")}</p>
                <p className="break-words">{stepText(s)}</p>
                <p className="break-all text-slate-600">{t("recordedBy", { who: s.actorEmail ?? "—", at: formatDateTime(s.at, locale) })}</p>
              </li>
            ))}
          </ol>
        )}
      </Card>
      {c.receiptAt ? null : !c.can.record.ok ? (
        <p className="text-slate-700" data-testid="officer-refusal" data-reason={c.can.record.reason}>{refusal(c.can.record.reason)}</p>
      ) : (
        <div className="grid gap-6 md:grid-cols-2">
          {!mailed ? (
            <>
              <Card title={t("handOver")}>
                <p className="mb-3 text-sm text-slate-700">{t("handOverHelp")}</p>
                <form action={handOverAction} className="space-y-3">
                  {hidden}
                  <Field id="method" label={t("method")}>
                    <Select id="method" name="method" defaultValue={c.deliveryMethod === "AGENT" ? "AGENT" : "IN_PERSON"}>
                      <option value="IN_PERSON">{t("inPerson")}</option>
                      <option value="AGENT">{t("agent")}</option>
                    </Select>
                  </Field>
                  <Field id="collectedBy" label={t("collectedBy")}><Input id="collectedBy" name="collectedBy" required maxLength={200} /></Field>
                  <Field id="receivedAt" label={t("receivedAt")}><Input id="receivedAt" name="receivedAt" type="datetime-local" /></Field>
                  <SubmitButton pendingLabel={t("working")}>{t("recordHandOver")}</SubmitButton>
                </form>
              </Card>
              <Card title={t("dispatch")}>
                <p className="mb-3 text-sm text-slate-700">{t("dispatchHelp")}</p>
                <form action={mailDispatchAction} className="space-y-3">
                  {hidden}
                  <Field id="trackingNo" label={t("trackingNo")}><Input id="trackingNo" name="trackingNo" required minLength={4} maxLength={64} /></Field>
                  <SubmitButton pendingLabel={t("working")}>{t("recordDispatch")}</SubmitButton>
                </form>
              </Card>
            </>
          ) : (
            <Card title={t("signedFor")}>
              <p className="mb-3 text-sm text-slate-700">{t("signedForHelp", { at: c.deliveredAt ? formatDateTime(c.deliveredAt, locale) : "—" })}</p>
              <form action={mailSignedForAction} className="space-y-3">
                {hidden}
                <Field id="signedForAt" label={t("signedForAt")}><Input id="signedForAt" name="signedForAt" type="datetime-local" required /></Field>
                <SubmitButton pendingLabel={t("working")}>{t("recordSignedFor")}</SubmitButton>
              </form>
            </Card>
          )}
        </div>
      )}
    </div>
  );
}
