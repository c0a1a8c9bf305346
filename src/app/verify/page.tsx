import { getLocale, getTranslations } from "next-intl/server";
import { VerifyForm, type VerifyLabels } from "./_components/verify-form";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { catalogLang } from "@/i18n/locales";
import { ENGINE_REASON } from "@/server/ca-service/certificate-status-lookup";

export async function generateMetadata() {
  return { title: (await getTranslations("verifyPage"))("title") };
}

const CHECKS = ["structure", "signature", "signer_certificate", "chain", "validity", "revocation", "key_usage", "timestamp", "message_imprint"] as const;

/** The public verification service (clause 2.3). */
export default async function VerifyPage() {
  const [t, f, e, locale] = await Promise.all([getTranslations("verifyPage"), getTranslations("verifyFacts"), getTranslations("enums"), getLocale()]);
  const labels: VerifyLabels = {
    kind: t("kind"),
    kinds: { certificate: t("kindCertificate"), signature: t("kindSignature"), timestamp: t("kindTimestamp") },
    certificateFile: t("certificateFile"),
    signatureFile: t("signatureFile"),
    signedFileOptional: t("signedFileOptional"),
    timestampFile: t("timestampFile"),
    timestampData: t("timestampData"),
    submit: t("submit"),
    checking: t("checking"),
    verdict: t("verdict"),
    overall: { valid: t("overall_valid"), invalid: t("overall_invalid"), indeterminate: t("overall_indeterminate") },
    checks: t("checks"),
    outcome: { pass: t("outcome_pass"), fail: t("outcome_fail"), cannot_tell: t("outcome_cannot_tell") },
    checkNames: Object.fromEntries(CHECKS.map((c) => [c, t(`checkNames.${c}`)])),
    downloadHtml: t("downloadHtml"),
    downloadJson: t("downloadJson"),
    digest: t("digest"),
    failed: t("failed"),
    facts: { at: f("at"), revokedAt: f("revokedAt"), revocationReason: f("revocationReason"), genTime: f("genTime"), technical: f("technical"), signatureAlgorithm: f("signatureAlgorithm"), keyAlgorithm: f("keyAlgorithm") },
    // The check reports the CRL name (keyCompromise); the label is the one the enum form has.
    reasons: Object.fromEntries(Object.entries(ENGINE_REASON).map(([name, crl]) => [crl, e(`RevocationReason.${name}`)])),
  };
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        <VerifyForm labels={labels} lang={catalogLang(locale)} />
      </Card>
    </div>
  );
}
