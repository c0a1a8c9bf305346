import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AgreementRequirement } from "@/app/_components/agreement-requirement";
import { RenewForm } from "./_components/renew-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDate } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { RenewalTerms } from "@/app/_components/renewal-terms";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("agentPage"))("renewTitle") };
}

/** Renewal of a certificate (for an organisation, by its agent): re-acceptance first when the agreement changed. */
export default async function RenewPage({ params }: { params: Promise<{ certificateId: string }> }) {
  const user = await requireUser();
  const { certificateId } = await params;
  const [t, tw, ctx] = await Promise.all([getTranslations("agentPage"), getTranslations("applyWizard"), serviceContext(user)]);
  let c;
  try {
    c = await getMyCertificate(ctx, { certificateId });
  } catch (e) {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  }
  const gate = await agreementGate(ctx, { context: "RENEW", onBehalfOfOrganisationId: c.subscriberOrganisationId });
  return (
    <div className="space-y-6">
      <PageTitle intro={`${c.subjectDn} · ${t("expires")} ${formatDate(c.notAfter)}`}>{t("renewTitle")}</PageTitle>
      {!gate.accepted ? (
        <Card title={t("reacceptTitle")} id="reaccept">
          <AgreementRequirement ctx={ctx} gate={gate} context="RENEW" onBehalfOfOrganisationId={c.subscriberOrganisationId} acceptLabel={t("reaccept")} />
        </Card>
      ) : (
        <Card title={t("renewTitle")} id="renew">
          <div className="mb-4"><RenewalTerms terms={c.renewalTerms} /></div>
          <RenewForm
            certificateId={c.id}
            keyAlgorithm={c.browserKeyAlgorithm}
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
