import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { AgreementRequirement } from "@/app/_components/agreement-requirement";
import { RenewalForm, type RenewalKeyMode } from "@/app/_components/renewal-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { buttonClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { agreementGate } from "@/server/agreement/agreement-gate";
import { profileAllowsServerKeyGeneration } from "@/server/application/subject-details";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { RenewalCard } from "../_components/renewal-card";
import { RenewalTerms } from "@/app/_components/renewal-terms";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("renewalPage"))("title") };
}

/**
 * Renewal or rekey of a certificate by its holder (clause 4 / 7.5), also reached from an update
 * notice (`?kind=rekey`). Re-acceptance of the agreement first when a newer version is in force;
 * outside the renewal window the page says why and when, as the certificate page does.
 */
export default async function CertificateRenewPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ kind?: string | string[] }> }) {
  const user = await requireUser();
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const [t, tw, ta, locale, ctx] = await Promise.all([getTranslations("renewalPage"), getTranslations("applyWizard"), getTranslations("agentPage"), getLocale(), serviceContext(user)]);
  let c;
  try {
    c = await getMyCertificate(ctx, { certificateId: id });
  } catch (e) {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  }
  const initialKind = query.kind === "rekey" ? "REKEY" : "RENEW";
  const open = c.can.renew.ok && !c.openReplacement;
  const gate = open ? await agreementGate(ctx, { context: "RENEW", onBehalfOfOrganisationId: c.subscriberOrganisationId }) : { accepted: true as const };
  const keyModes: RenewalKeyMode[] = profileAllowsServerKeyGeneration(c.profile.code) ? ["browser", "csr", "server"] : ["browser", "csr"];
  return (
    <div className="space-y-6">
      <p>
        <Link href={`/certificates/${c.id}`} className={buttonClass.link}>
          {t("back")}
        </Link>
      </p>
      <PageTitle intro={`${c.subjectDn} · ${ta("expires")} ${formatDateTime(c.notAfter, locale)}`}>{t("title")}</PageTitle>
      {!open ? (
        <RenewalCard certificate={c} />
      ) : !gate.accepted ? (
        <Card title={t("reacceptTitle")} id="reaccept">
          <AgreementRequirement ctx={ctx} gate={gate} context="RENEW" onBehalfOfOrganisationId={c.subscriberOrganisationId} acceptLabel={t("reaccept")} />
        </Card>
      ) : (
        <Card title={t("title")} id="renew">
          <p className="mb-4 text-slate-700" data-testid="renewal-window">
            {c.can.renew.ok && !c.can.renew.until ? t("orderedByNotice") : t("windowOpen", { from: formatDateTime(c.renewalWindow.opensAt, locale), until: formatDateTime(c.renewalWindow.closesAt, locale) })}
          </p>
          <div className="mb-4"><RenewalTerms terms={c.renewalTerms} /></div>
          <RenewalForm
            certificateId={c.id}
            kinds={c.can.rekey.ok ? ["RENEW", "REKEY"] : ["RENEW"]}
            initialKind={initialKind}
            renewKey="same"
            certificateKey={{ applicationId: c.applicationId, spkiSha256: c.publicKeySha256 }}
            keyModes={keyModes}
            keyAlgorithm={c.browserKeyAlgorithm}
            labels={{
              declarationsIntro: tw("declarationsIntro"),
              declarations: {
                truthfulCompleteLawful: tw("declaration.truthfulCompleteLawful"),
                copiesMatchOriginals: tw("declaration.copiesMatchOriginals"),
                consentToElectronicSignatureUse: tw("declaration.consentToElectronicSignatureUse"),
                consentToCertificateQuery: tw("declaration.consentToCertificateQuery"),
              },
              submit: { RENEW: t("submit.RENEW"), REKEY: t("submit.REKEY") },
              working: tw("working"),
              done: t("done"),
              status: tw("viewStatus"),
              kindLegend: t("kindLegend"),
              kind: { RENEW: t("kind.RENEW"), REKEY: t("kind.REKEY") },
              sameKey: { checking: t("sameKey.checking"), found: t("sameKey.found"), missing: t("sameKey.missing"), useRekey: t("sameKey.useRekey") },
              keyLegend: t("keyLegend"),
              keyMode: { browser: tw("keyMode.browser"), csr: tw("keyMode.csr"), server: tw("keyMode.server") },
              csrLabel: tw("csrLabel"),
              keyFailed: tw("keyFailed"),
            }}
          />
        </Card>
      )}
    </div>
  );
}
