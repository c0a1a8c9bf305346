import { certificateParties } from "@/server/auth";
import { escrowedPairOf, recoverEscrowedKey, recoverEscrowedKeyInput, recoveryRecipient, type RecoveredKey } from "@/server/kmc";
import { approvable } from "../approvable";

/**
 * Judicial recovery of an escrowed encryption key. The approvers read the certificate, the legal
 * basis and the recipient key's hash; the request is refused at once (nothing stored) when the
 * certificate has no escrowed key or the recipient key is not SM2, as the use case would refuse it.
 */
export const keyRecovery = approvable({
  kind: "KEY_RECOVERY",
  input: recoverEscrowedKeyInput,
  run: recoverEscrowedKey,
  async describe(tx, input) {
    const recipient = recoveryRecipient(input.recipientPublicKey);
    const pair = await escrowedPairOf(tx, input.certificateId);
    return {
      facts: {
        certificateId: pair.id,
        serialHex: pair.serialHex,
        subjectDn: pair.subjectDn,
        certificateStatus: pair.status,
        legalBasis: input.legalBasis,
        recipientKeySha256: recipient.spkiSha256,
      },
    };
  },
  async parties(tx, input) {
    const pair = await escrowedPairOf(tx, input.certificateId).catch(() => null);
    if (!pair) return null;
    return { parties: certificateParties(pair), subject: { subjectType: "Certificate", subjectId: pair.id, onBehalfOfId: pair.subscriberOrganisationId } };
  },
  // The envelope stays on the request (for the requester to download), not in the audit log.
  auditedResult: (result) => {
    const r = result as RecoveredKey;
    return { encryptionCertificateId: r.encryptionCertificateId, escrowedKeyId: r.escrowedKeyId, recipientKeySha256: r.recipientKeySha256 };
  },
});
