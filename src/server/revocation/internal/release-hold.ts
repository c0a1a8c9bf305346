import { checkCertificateAction, deriveCertificateState, storedStatusOf, type StoredCertificateStatus } from "@/domain/certificate";
import { OPEN_REQUEST_STATUSES } from "@/domain/revocation";
import { type CertificateWithObjections, certificateFacts } from "@/server/shared";
import { type Tx, domainError } from "@/server/core";

/**
 * A suspended certificate with an open revocation request (the subscriber's, possibly signed with
 * the key for keyCompromise, or the CA's) stays suspended until that request is settled: lifting
 * the hold would make OCSP answer good for a key someone asked to revoke.
 */
export async function refuseReleaseWhileRevocationOpen(tx: Tx, certificateId: string): Promise<void> {
  const revocation = await tx.revocationRequest.findFirst({
    where: { certificateId, kind: { in: ["REVOCATION", "CA_INITIATED"] }, status: { in: [...OPEN_REQUEST_STATUSES] } },
    select: { id: true },
  });
  if (revocation) throw domainError("HOLD_RELEASE_REVOCATION_PENDING", { requestId: revocation.id });
}

/**
 * Lifts a suspension inside the caller's transaction (the certificate row locked by the caller):
 * holdAt is cleared, so OCSP answers good and the serial leaves the CRL, and the stored status
 * goes back to what the life cycle says now. The history stays in the LOSS_REPORT and
 * HOLD_RELEASE requests.
 */
export async function releaseHold(tx: Tx, cert: CertificateWithObjections, now: Date): Promise<{ heldSince: Date; status: StoredCertificateStatus }> {
  const check = checkCertificateAction("RELEASE_HOLD", certificateFacts(cert), now);
  if (!check.ok) throw domainError(check.code === "CERT_REVOKED" ? "HOLD_RELEASE_REVOKED" : check.code, { from: check.status });
  await refuseReleaseWhileRevocationOpen(tx, cert.id);
  const status = storedStatusOf(deriveCertificateState(certificateFacts({ ...cert, holdAt: null }), now).status);
  await tx.certificate.update({ where: { id: cert.id }, data: { holdAt: null, status } });
  return { heldSince: cert.holdAt!, status };
}
