import type { StoredCertificateStatus } from "./certificate-status";

/**
 * The one status a staff page shows for a certificate. A revoked certificate keeps its `holdAt`
 * (the loss report that preceded the revocation is evidence), so pages that added "held" beside the
 * status showed "已吊销 · 已挂起" together. Revocation and expiry are final and win; a hold not
 * released shows as suspended even if the status column was not (yet) moved (a released hold clears holdAt).
 */
export function displayedCertificateStatus(c: {
  status: StoredCertificateStatus;
  holdAt?: Date | null;
}): StoredCertificateStatus {
  if (c.status === "REVOKED" || c.status === "EXPIRED") return c.status;
  if (c.holdAt) return "SUSPENDED";
  return c.status;
}
