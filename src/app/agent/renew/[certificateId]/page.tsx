import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AgreementGate } from "@/app/_components/agreement-gate";
import { RenewForm } from "./_components/renew-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDate } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { agreementLocaleOf, getAgreementText, listAgreementVersions } from "@/server/agreement/list-published-agreement-versions";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("agentPage"))("renewTitle") };
}

/** Renewal of a certificate (for an organisation, by its agent): re-acceptance first when the agreement changed. */
export default async function RenewPage({ params }: { params: Promise<{ certificateId: string }> }) {
  const user = await requireUser();
  const { certificateId } = await params;
  const [t, tw, locale, ctx] = await Promise.all([getTranslations("agentPage"), getTranslations("applyWizard"), getLocale(), serviceContext(user)]);
  let c;
  try {
    c = await getMyCertificate(ctx, { certificateId });
  } catch (e) {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  }
  const gate = await agreementGate(ctx, { context: "RENEW", onBehalfOfOrganisationId: c.subscriberOrganisationId });
  const docLocale = agreementLocaleOf(locale);
  const current = gate.accepted ? undefined : (await listAgreementVersions(ctx, {})).find((v) => v.current);
  const text = current ? await getAgreementText(ctx, { version: current.version, locale: docLocale }) : null;
  return (
    <div className="space-y-6">
      <PageTitle intro={`${c.subjectDn} · ${t("expires")} ${formatDate(c.notAfter)}`}>{t("renewTitle")}</PageTitle>
      {!gate.accepted && text ? (
        <Card title={t("reacceptTitle")} id="reaccept">
          <p className="mb-3 text-slate-700">{t("reacceptIntro", { version: text.version })}</p>
          <AgreementGate
            agreement={{ version: text.version, contentHash: text.contentHash, locale: docLocale, document: text.document }}
            context="RENEW"
            {...(c.subscriberOrganisationId ? { onBehalfOfOrganisationId: c.subscriberOrganisationId } : {})}
            labels={{ read: tw("agreementRead", { version: text.version }), accept: t("reaccept"), working: tw("working"), scroll: tw("agreementScroll"), liability: tw("limitsLiability"), scrollToEnd: tw("scrollToEnd") }}
          />
        </Card>
      ) : (
        <Card title={t("renewTitle")} id="renew">
          <RenewForm
            certificateId={c.id}
            labels={{
              declarationsIntro: tw("declarationsIntro"),
              declarations: {
                truthfulCompleteLawful: tw("declaration.truthfulCompleteLawful"),
                copiesMatchOriginals: tw("declaration.copiesMatchOriginals"),
                consentToElectronicSignatureUse: tw("declaration.consentToElectronicSignatureUse"),
                consentToCertificateQuery: tw("declaration.consentToCertificateQuery"),
              },
              submit: t("renewSubmit"),
              working: tw("working"),
              done: t("renewDone"),
              keyNote: t("renewKeyNote"),
              status: tw("viewStatus"),
              keyFailed: tw("keyFailed"),
            }}
          />
        </Card>
      )}
    </div>
  );
}
