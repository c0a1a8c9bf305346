import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { CertificateTests } from "./_components/certificate-tests";
import { Card } from "@/components/ui/card";
import { PageTitle } from "@/components/ui/page-title";
import { formatDateTime } from "@/i18n/format";
import { requireUser } from "@/server/web/guards";
import { serviceContext } from "@/server/web/service-context";
import { isDomainError } from "@/server/core/errors";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { readSealImage } from "@/server/certificate/read-seal-image";
import { isSm2Certificate, sealSamplePdf } from "@/server/certificate/verify-seal-test";
import { pemToDer } from "@/ca/asn1/certificate-parts";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await getTranslations("testPage"))("title") };
}

/** The certificate test page (clause 1.8). */
export default async function CertificateTestPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const { id } = await params;
  const [t, tp, locale, ctx] = await Promise.all([getTranslations("testPage"), getTranslations("portalTestPage"), getLocale(), serviceContext(user)]);
  let c;
  try {
    c = await getMyCertificate(ctx, { certificateId: id });
  } catch (e) {
    if (isDomainError(e) && (e.code === "NOT_FOUND" || e.code === "VALIDATION_FAILED")) notFound();
    throw e;
  }
  // Seal certificates: the organisation's seal image from the application (a labelled placeholder
  // when none is on file), shown here and stamped on the sample PDF the browser signs. No PDF for
  // an SM2 certificate: PAdES readers cannot check SM2 signatures.
  let sealImage: string | null = null;
  let sealPdf: string | null = null;
  if (c.profile.kind === "SEAL") {
    const found = await readSealImage(ctx, { certificateId: c.id });
    if (found) sealImage = `data:${found.contentType};base64,${found.base64}`;
    const der = pemToDer(c.certificatePem);
    if (!isSm2Certificate(der)) {
      const image = found ? { contentType: found.contentType, bytes: Buffer.from(found.base64, "base64") } : null;
      sealPdf = Buffer.from(await sealSamplePdf({ certificateDer: der, serialHex: c.serialHex, preparedAt: ctx.clock.now(), image })).toString("base64");
    }
  }
  return (
    <div className="space-y-6">
      <PageTitle intro={t("intro")}>{t("title")}</PageTitle>
      <Card>
        <CertificateTests
          cert={{
            id: c.id,
            applicationId: c.applicationId,
            pem: c.certificatePem,
            chainPems: c.chainPems,
            subject: c.subjectDn,
            serial: c.serialHex,
            validity: `${formatDateTime(c.notBefore, locale)} – ${formatDateTime(c.notAfter, locale)}`,
            issuer: c.issuerDn,
            usage: locale === "en" ? c.profile.nameEn : c.profile.nameZh,
            isSeal: c.profile.kind === "SEAL",
            sealImage,
            sealPdf,
          }}
          labels={{
            run: t("run"),
            running: t("running"),
            pass: t("pass"),
            fail: t("fail"),
            na: t("na"),
            names: { INFO_LOADING: t("names.INFO_LOADING"), CERTIFICATE: t("names.CERTIFICATE"), SEAL: t("names.SEAL") },
            fields: { subject: t("fields.subject"), serial: t("fields.serial"), validity: t("fields.validity"), issuer: t("fields.issuer"), usage: t("fields.usage") },
            reasons: {
              pemMissing: t("reasons.pemMissing"),
              noKey: t("reasons.noKey"),
              keyMismatch: t("reasons.keyMismatch"),
              serverRefused: t("reasons.serverRefused"),
              signatureValid: t("reasons.signatureValid"),
              notSeal: t("reasons.notSeal"),
              loaded: t("reasons.loaded"),
            },
            back: t("back"),
            p12: {
              legend: tp("p12.legend"),
              file: tp("p12.file"),
              password: tp("p12.password"),
              hint: tp("p12.hint"),
              wrongPassword: tp("p12.wrongPassword"),
              unreadable: tp("p12.unreadable"),
              fromFile: tp("p12.fromFile"),
            },
            seal: {
              sampleTitle: tp("seal.sampleTitle"),
              sampleText: tp("seal.sampleText"),
              sealAlt: tp("seal.sealAlt"),
              placeholder: tp("seal.placeholder"),
              pdfLegend: tp("seal.pdfLegend"),
              download: tp("seal.download"),
              timestampFailed: tp("seal.timestampFailed"),
              sm2Unavailable: tp("seal.sm2Unavailable"),
              checks: {
                SIGNED_AND_BOUND: tp("seal.checks.SIGNED_AND_BOUND"),
                NOT_SEAL_CERTIFICATE: tp("seal.checks.NOT_SEAL_CERTIFICATE"),
                DOCUMENT_MALFORMED: tp("seal.checks.DOCUMENT_MALFORMED"),
                WRONG_CERTIFICATE: tp("seal.checks.WRONG_CERTIFICATE"),
                SIGNATURE_INVALID: tp("seal.checks.SIGNATURE_INVALID"),
                SEAL_MISMATCH: tp("seal.checks.SEAL_MISMATCH"),
                PLACEHOLDER_SEAL: tp("seal.checks.PLACEHOLDER_SEAL"),
              },
            },
          }}
        />
      </Card>
    </div>
  );
}
