import { checkCertificateAction, deriveCertificateState, storedStatusOf, type StoredCertificateStatus } from "@/domain/certificate";
import { type CertificateWithObjections, certificateFacts } from "@/server/shared";
import { type Tx, domainError } from "@/server/core";

/**
 * Lifts a suspension inside the caller's transaction (the certificate row locked by the caller):
 * holdAt is cleared, so OCSP answers good and the serial leaves the CRL, and the stored status
 * goes back to what the life cycle says now. The history stays in the LOSS_REPORT and
 * HOLD_RELEASE requests.
 */
export async function releaseHold(tx: Tx, cert: CertificateWithObjections, now: Date): Promise<{ heldSince: Date; status: StoredCertificateStatus }> {
  const check = checkCertificateAction("RELEASE_HOLD", certificateFacts(cert), now);
  if (!check.ok) throw domainError(check.code, { from: check.status });
  const status = storedStatusOf(deriveCertificateState(certificateFacts({ ...cert, holdAt: null }), now).status);
  await tx.certificate.update({ where: { id: cert.id }, data: { holdAt: null, status } });
  return { heldSince: cert.holdAt!, status };
}
