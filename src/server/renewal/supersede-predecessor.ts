import { type Tx, enqueueNotification } from "@/server/core";
import { revokeCertificate } from "@/server/revocation";
import { resolveUpdateNoticeTargets } from "@/server/update-notice";
import { certificateRecipients } from "@/server/shared";

export interface SupersessionResult {
  /** The certificate the accepted one replaces. */
  oldCertificateId: string;
  /** True when this call revoked it as SUPERSEDED (false: revoked before, expired, or superseded by another). */
  revoked: boolean;
  /** Update-notice targets of the old certificate marked done by the new one. */
  resolvedTargets: number;
}

/**
 * Call in the transaction that records the acceptance (explicit or deemed, clause 1.8) of
 * `newCertificateId`, after acceptanceKind/acceptedAt are written. When the certificate was
 * issued for a renewal, rekey, update or change application, the certificate it replaces now
 * points to it (supersededById) and is revoked with reason SUPERSEDED at `now`: not at issuance,
 * because until the subscriber has accepted the new certificate they may object to it and still
 * rely on the old one. Open update-notice targets of the old certificate are resolved.
 *
 * Returns null when there is nothing to supersede (a NEW application, or the certificate is not
 * accepted). Idempotent: a second call revokes nothing more. The caller's audit event should name
 * `oldCertificateId`, and after the commit the caller publishes the old certificate's status
 * (publishCertificateStatus) when `revoked` is true.
 */
export async function supersedePredecessorOnAcceptance(tx: Tx, newCertificateId: string, now: Date): Promise<SupersessionResult | null> {
  const cert = await tx.certificate.findUnique({
    where: { id: newCertificateId },
    select: { id: true, serialHex: true, acceptanceKind: true, revokedAt: true, application: { select: { replacesCertificateId: true } } },
  });
  const oldId = cert?.application?.replacesCertificateId;
  if (!cert || !oldId || !cert.acceptanceKind || cert.revokedAt) return null;

  // The old certificate's row lock queues concurrent revocations and supersessions of it.
  await tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${oldId} FOR UPDATE`;
  const old = await tx.certificate.findUniqueOrThrow({
    where: { id: oldId },
    select: { id: true, serialHex: true, supersededById: true, revokedAt: true, notAfter: true, subscriberUserId: true, subscriberOrganisationId: true },
  });
  if (old.supersededById && old.supersededById !== cert.id) {
    // Another replacement got there first; this one changes nothing about the old certificate.
    return { oldCertificateId: old.id, revoked: false, resolvedTargets: 0 };
  }
  if (!old.supersededById) await tx.certificate.update({ where: { id: old.id }, data: { supersededById: cert.id } });

  let revoked = false;
  // An expired certificate is not revoked: it is no longer on a CRL either way.
  if (!old.revokedAt && old.notAfter.getTime() > now.getTime()) {
    const r = await revokeCertificate(tx, { certificateId: old.id, reason: "SUPERSEDED", at: now, revokedById: null });
    revoked = !r.alreadyRevoked;
  }
  const resolvedTargets = await resolveUpdateNoticeTargets(tx, old.id, cert.id, now);

  if (revoked) {
    for (const r of await certificateRecipients(tx, old)) {
      await enqueueNotification(
        tx,
        {
          userId: r.id,
          toAddress: r.email,
          locale: r.locale,
          template: "renewal.predecessor-superseded",
          payload: { certificateId: old.id, serialHex: old.serialHex, newCertificateId: cert.id, newSerialHex: cert.serialHex, revokedAt: now.toISOString(), path: `/certificates/${cert.id}` },
          dedupeKey: `superseded:${old.id}:${r.id}`,
        },
        now,
      );
    }
  }
  return { oldCertificateId: old.id, revoked, resolvedTargets };
}
