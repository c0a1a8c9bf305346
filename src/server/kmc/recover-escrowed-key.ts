import { z } from "zod";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { sm2PublicKeyHex } from "@/ca/keys/sm2";
import { sealSm2EnvelopedKey } from "@/ca/kmc/sm2-enveloped-key";
import { approvedAdminAction } from "@/server/auth";
import { defineUseCase, domainError, type Tx } from "@/server/core";
import { unsealEscrowedKey } from "./escrow-encryption-key";
import { MAX_RECIPIENT_PEM_CHARS, recoveryRecipient } from "./recovery-recipient";

export const recoverEscrowedKeyInput = z.object({
  /** Either half of the dual pair (the signing or the encryption certificate). */
  certificateId: z.string().uuid(),
  /** What obliges the CA: the court order's or the authority's document number and date. */
  legalBasis: z.string().trim().min(1).max(500),
  /** PEM SubjectPublicKeyInfo or certificate of the recipient's SM2 key. */
  recipientPublicKey: z.string().trim().min(1).max(MAX_RECIPIENT_PEM_CHARS),
});
export type RecoverEscrowedKeyInput = z.infer<typeof recoverEscrowedKeyInput>;

/** The result stored on the approval: the envelope only (the key itself is never stored or returned in clear). */
export interface RecoveredKey {
  encryptionCertificateId: string;
  escrowedKeyId: string;
  recipientKeySha256: string;
  /** DER SM2EnvelopedKey (GB/T 35276 §7.4) to the recipient key, base64. */
  envelopeBase64: string;
}

/** The encryption half of the dual pair `certificateId` belongs to, with its escrow; KEY_RECOVERY_NOT_ESCROWED otherwise. */
export async function escrowedPairOf(tx: Tx, certificateId: string) {
  const encryption = await tx.certificate.findFirst({
    where: { keyRole: "ENCRYPTION", OR: [{ id: certificateId }, { signingCertificateId: certificateId }] },
    select: { id: true, der: true, serialHex: true, subjectDn: true, status: true, subscriberOrganisationId: true, subscriberUserId: true, escrowedKey: { select: { id: true } } },
  });
  if (!encryption?.escrowedKey) throw domainError("KEY_RECOVERY_NOT_ESCROWED");
  return { ...encryption, escrowedKeyId: encryption.escrowedKey.id };
}

/**
 * Judicial recovery of a dual pair's encryption key (issue 17 item 4): runs only as an approved
 * KEY_RECOVERY request (dual control). The escrowed scalar is unsealed, checked against the
 * encryption certificate's public key, enveloped to the recipient's SM2 key and wiped: what leaves
 * is the SM2EnvelopedKey only. A revoked or expired certificate is still recoverable (data
 * encrypted to it may outlive it). The audit event names the basis and the recipient key's hash,
 * never key material.
 */
export const recoverEscrowedKey = defineUseCase({
  name: "kmc.recover-key",
  input: recoverEscrowedKeyInput,
  authorize: approvedAdminAction("KEY_RECOVERY"),
  async run(s, input): Promise<RecoveredKey> {
    const recipient = recoveryRecipient(input.recipientPublicKey);
    const pair = await escrowedPairOf(s.tx, input.certificateId);
    const publicKeyHex = sm2PublicKeyHex(parseCertificate(pair.der).spki);
    const scalar = await unsealEscrowedKey(s.tx, pair.escrowedKeyId);
    let envelope: Buffer;
    try {
      // sealSm2EnvelopedKey refuses a scalar that is not this public key's: a swapped escrow row fails here.
      envelope = sealSm2EnvelopedKey({ privateKeyHex: scalar.toString("hex"), publicKeyHex }, recipient.publicKeyHex);
    } catch {
      throw domainError("DOCUMENT_INTEGRITY");
    } finally {
      scalar.fill(0);
    }
    s.audit({
      action: "kmc.key-recovered",
      subjectType: "Certificate",
      subjectId: pair.id,
      onBehalfOfId: pair.subscriberOrganisationId,
      summary: { escrowedKeyId: pair.escrowedKeyId, approvalId: s.actor!.approved!.requestId, legalBasis: input.legalBasis, recipientKeySha256: recipient.spkiSha256 },
    });
    return { encryptionCertificateId: pair.id, escrowedKeyId: pair.escrowedKeyId, recipientKeySha256: recipient.spkiSha256, envelopeBase64: envelope.toString("base64") };
  },
});
