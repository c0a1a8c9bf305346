import { z } from "zod";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { isCustomer, requireHolder } from "@/server/auth";
import { defineUseCase, domainError } from "@/server/core";

export const getKeyEnvelopeInput = z.object({ certificateId: z.string().uuid() });

export interface KeyEnvelopeView {
  encryptionCertificateId: string;
  encryptionCertificatePem: string;
  signingCertificateId: string;
  /** The signing certificate's application: the browser's key store keys the signing key by it. */
  signingApplicationId: string | null;
  /** SHA-256 (hex) of the signing certificate's SPKI: which browser key opens the envelope. */
  signingSpkiSha256: string;
  /** DER SM2EnvelopedKey, base64. */
  envelopeBase64: string;
}

/**
 * The subscriber's copy of a dual pair's encryption key: the SM2EnvelopedKey only the signing
 * key opens (in the browser; the server never sees the key again). Asked for with either half's
 * id. The first fetch is recorded as the envelope's delivery; every fetch is audited.
 */
export const getKeyEnvelope = defineUseCase({
  name: "kmc.get-key-envelope",
  input: getKeyEnvelopeInput,
  authorize: isCustomer,
  async run(s, input) {
    const encryption = await s.tx.certificate.findFirst({
      where: { keyRole: "ENCRYPTION", OR: [{ id: input.certificateId }, { signingCertificateId: input.certificateId }] },
      include: { escrowedKey: { select: { id: true, envelope: true, envelopeDeliveredAt: true } }, signingCertificate: { select: { id: true, applicationId: true, publicKeySha256: true } } },
    });
    if (!encryption?.escrowedKey || !encryption.signingCertificate) throw domainError("NOT_FOUND");
    await requireHolder(s.tx, encryption, s.actor!, "DOWNLOAD", s.now);
    const escrow = encryption.escrowedKey;
    const first = escrow.envelopeDeliveredAt === null;
    if (first) await s.tx.escrowedKey.update({ where: { id: escrow.id }, data: { envelopeDeliveredAt: s.now } });
    s.audit({ action: "kmc.envelope-delivered", subjectType: "Certificate", subjectId: encryption.id, onBehalfOfId: encryption.subscriberOrganisationId, summary: { escrowedKeyId: escrow.id, first } });
    return {
      encryptionCertificateId: encryption.id,
      encryptionCertificatePem: derToPem(Buffer.from(encryption.der), "CERTIFICATE"),
      signingCertificateId: encryption.signingCertificate.id,
      signingApplicationId: encryption.signingCertificate.applicationId,
      signingSpkiSha256: encryption.signingCertificate.publicKeySha256,
      envelopeBase64: Buffer.from(escrow.envelope).toString("base64"),
    } satisfies KeyEnvelopeView;
  },
});
