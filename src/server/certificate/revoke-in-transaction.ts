import type { RevocationReason } from "@/generated/prisma/client";
import type { Tx } from "@/server/core/context";

/**
 * Records a revocation inside the caller's transaction: the Revocation row (unique per
 * certificate, so a second revocation fails at the database) and the certificate's status.
 * Publishing (OCSP re-sign, CRL shard) happens after the commit: see publishAfterCommit.
 */
export async function revokeInTransaction(
  tx: Tx,
  args: { certificateId: string; reason: RevocationReason; at: Date; revokedById: string | null; requestId?: string | null },
): Promise<void> {
  await tx.revocation.create({
    data: { certificateId: args.certificateId, reasonCode: args.reason, revokedAt: args.at, revokedById: args.revokedById, requestId: args.requestId ?? null },
  });
  await tx.certificate.update({
    where: { id: args.certificateId },
    data: { revokedAt: args.at, revocationReason: args.reason, status: "REVOKED" },
  });
}
