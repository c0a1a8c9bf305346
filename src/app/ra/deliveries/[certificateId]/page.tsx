import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { handOverAction, mailDispatchAction, mailSignedForAction } from "@/app/ra/actions/officer-actions";
import { CertificateSummary } from "@/components/console/certificate-summary";
import { ConsoleNav } from "@/components/console/console-nav";
import { Field, Input, Select } from "@/components/console/field";
import { OutcomeBanner } from "@/components/console/outcome-banner";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { requireRole } from "@/server/auth/guards";
import { AREA_ROLES } from "@/server/auth/roles";
import { serviceContext } from "@/server/auth/service-context";
import { isDomainError } from "@/server/core/errors";
import { getDeliveryCase } from "@/server/ui-queries/console/officer-cases";

export async function generateMetadata() {
  return { title: (await getTranslations("console.delivery"))("title") };
}

type Props = { params: Promise<{ certificateId: string }>; searchParams: Promise<{ ok?: string; error?: string }> };

export default async function Page({ params, searchParams }: Props) {
  const user = await requireRole(...AREA_ROLES.ra);
  const [{ certificateId }, sp] = await Promise.all([params, searchParams]);
  const c = await getDeliveryCase(await serviceContext(user), { certificateId }).catch((e: unknown) => {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  });
  const [locale, t] = await Promise.all([getLocale(), getTranslations("console.delivery")]);
  const here = `/ra/deliveries/${c.id}`;
  const hidden = (
    <>
      <input type="hidden" name="certificateId" value={c.id} />
      <input type="hidden" name="back" value={here} />
    </>
  );
  return (
    <div className="space-y-6" data-testid="delivery-case">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <ConsoleNav area="ra" current="" />
      <OutcomeBanner ok={sp.ok} error={sp.error} />
      <p><Link href="/ra" className={buttonClass.link}>{t("back")}</Link></p>
      <Card title={t("certificate")}>
        <CertificateSummary cert={c} locale={locale} />
      </Card>
      {c.receiptAt ? null : (
        <div className="grid gap-6 md:grid-cols-2">
          {!(c.deliveryMethod === "MAIL" && c.mailTrackingNo) ? (
            <>
            <Card title={t("handOver")}>
              <form action={handOverAction} className="space-y-3">
                {hidden}
                <Field id="method" label={t("method")}>
                  <Select id="method" name="method" defaultValue={c.deliveryMethod === "AGENT" ? "AGENT" : "IN_PERSON"}>
                    <option value="IN_PERSON">{t("inPerson")}</option>
                    <option value="AGENT">{t("agent")}</option>
                  </Select>
                </Field>
                <Field id="collectedBy" label={t("collectedBy")}><Input id="collectedBy" name="collectedBy" required /></Field>
                <Field id="receivedAt" label={t("receivedAt")}><Input id="receivedAt" name="receivedAt" type="datetime-local" /></Field>
                <SubmitButton pendingLabel={t("working")}>{t("recordHandOver")}</SubmitButton>
              </form>
            </Card>
            <Card title={t("dispatch")}>
              <form action={mailDispatchAction} className="space-y-3">
                {hidden}
                <Field id="trackingNo" label={t("trackingNo")}><Input id="trackingNo" name="trackingNo" required minLength={4} /></Field>
                <SubmitButton pendingLabel={t("working")}>{t("recordDispatch")}</SubmitButton>
              </form>
            </Card>
            </>
          ) : (
            <>
              <Card title={t("signedFor")}>
                <form action={mailSignedForAction} className="space-y-3">
                  {hidden}
                  <Field id="signedForAt" label={t("signedForAt")}><Input id="signedForAt" name="signedForAt" type="datetime-local" required /></Field>
                  <SubmitButton pendingLabel={t("working")}>{t("recordSignedFor")}</SubmitButton>
                </form>
              </Card>
            </>
          )}
        </div>
      )}
    </div>
  );
}
