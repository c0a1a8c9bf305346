import type { Tx } from "@/server/core";

/**
 * Marks every open update-notice target of `oldCertificateId` as done by `newCertificateId`
 * (clause 4: the subscriber has updated). Called in the transaction that makes the replacement
 * count (supersedePredecessorOnAcceptance calls it when the new certificate is accepted).
 * Idempotent: targets already resolved keep their first resolution. Returns how many it resolved.
 */
export async function resolveUpdateNoticeTargets(tx: Tx, oldCertificateId: string, newCertificateId: string, now: Date): Promise<number> {
  const r = await tx.updateNoticeTarget.updateMany({
    where: { certificateId: oldCertificateId, resolvedAt: null },
    data: { resolvedAt: now, resolvedByCertificateId: newCertificateId },
  });
  return r.count;
}
