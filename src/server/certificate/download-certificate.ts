import { z } from "zod";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { pkcs7Chain } from "@/ca/outputs/pkcs7-chain";
import { requireAcceptedAgreement } from "@/server/agreement";
import { isCustomer, requireHolder } from "@/server/auth";
import { allowedCertificateAction } from "@/domain/certificate";
import { defineUseCase, domainError } from "@/server/core";
import { issuerChain } from "./internal/issuer-chain";
import { certificateFacts, lockCertificate } from "@/server/shared";
import { recordReceipt, windowSummary } from "./record-receipt";

export const downloadCertificateInput = z.object({
  certificateId: z.string().uuid(),
  /** False for a certificate-only download: a held PKCS#12 then stays for its own (one) download. */
  deliverPkcs12: z.boolean().default(true),
});

/**
 * Online delivery (clause 1.7). The subscriber, or someone acting for the subscribing
 * organisation with the DOWNLOAD scope, must have accepted the current agreement for downloads
 * first. The first download is the receipt and starts the test window; later downloads change
 * nothing but are audited. A server-generated PKCS#12 is handed out on its one download and
 * erased from the database in the same transaction; for such a certificate that download, not a
 * certificate-only one before it, is the receipt.
 */
export const downloadCertificate = defineUseCase({
  name: "certificate.download",
  input: downloadCertificateInput,
  authorize: isCustomer,
  async run(s, input) {
    const actor = s.actor!;
    const cert = await lockCertificate(s.tx, input.certificateId);
    await requireHolder(s.tx, cert, actor, "DOWNLOAD", s.now);
    const acceptance = await requireAcceptedAgreement(s.tx, {
      userId: actor.userId,
      onBehalfOfOrganisationId: cert.subscriberOrganisationId,
      context: "DOWNLOAD",
      now: s.now,
    });
    if (cert.pkcs12 && input.deliverPkcs12) {
      // The page offers the PKCS#12 by the same rule (can.exportPkcs12): not for a revoked, replaced or expired certificate.
      const exportable = allowedCertificateAction("exportPkcs12", certificateFacts({ ...cert, objections: [] }), s.now);
      if (!exportable.ok) throw domainError(exportable.reason as "CERT_REVOKED" | "CERT_EXPIRED");
    }
    const pkcs12 = cert.pkcs12 && input.deliverPkcs12 ? Buffer.from(cert.pkcs12) : null;
    // While the server still holds the key, the subscriber has not received the certificate in a
    // usable form: the receipt (and the test window) waits for the PKCS#12 download.
    const first = cert.receiptAt === null && (cert.pkcs12 === null || pkcs12 !== null);
    const window = first ? await recordReceipt(s.tx, cert, { receiptAt: s.now, now: s.now, method: "ONLINE", recordedById: actor.userId }) : null;
    if (pkcs12) await s.tx.certificate.update({ where: { id: cert.id }, data: { pkcs12: null } });
    const chain = await issuerChain(s.tx, cert.issuerId);
    const der = Buffer.from(cert.der);
    s.audit({
      action: first ? "certificate.received-by-download" : "certificate.downloaded",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: { agreementAcceptanceId: acceptance.acceptanceId, agreementVersion: acceptance.version, pkcs12Delivered: pkcs12 !== null, ...(window ? windowSummary(window) : {}) },
    });
    return {
      certificatePem: derToPem(der, "CERTIFICATE"),
      chainPem: chain.map((c) => derToPem(c, "CERTIFICATE")).join(""),
      pkcs7: pkcs7Chain([der, ...chain]),
      pkcs12,
      receipt: first ? { receiptAt: s.now, ...window! } : null,
    };
  },
});
