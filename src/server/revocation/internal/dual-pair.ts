import type { Tx } from "@/server/core";
import { lockCertificate } from "@/server/shared";

/**
 * GM/T 0034: the signing and the encryption certificate of a dual pair share one life cycle.
 * Finds the other half of a certificate's pair (null for a single certificate) and locks both
 * rows in one order (signing half first) whichever half the caller named, so two revocations of
 * the same pair from either end wait for each other instead of deadlocking.
 */
export async function lockDualPair(tx: Tx, certificateId: string): Promise<{ partnerId: string } | null> {
  const row = await tx.certificate.findUnique({
    where: { id: certificateId },
    select: { keyRole: true, signingCertificateId: true, encryptionCertificate: { select: { id: true } } },
  });
  if (!row?.keyRole) return null;
  const signingId = row.keyRole === "SIGNING" ? certificateId : row.signingCertificateId;
  const encryptionId = row.keyRole === "ENCRYPTION" ? certificateId : row.encryptionCertificate?.id;
  if (!signingId || !encryptionId) return null;
  await lockCertificate(tx, signingId);
  await lockCertificate(tx, encryptionId);
  return { partnerId: signingId === certificateId ? encryptionId : signingId };
}
