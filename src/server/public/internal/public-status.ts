import { deriveCertificateState, type CertificateStatus } from "@/domain/certificate";
import { certificateFacts, type CertificateFactsRow } from "@/server/shared";

/**
 * What a relying party is told. Only states in which the certificate may be relied on are VALID;
 * a suspended certificate is SUSPENDED, never VALID (clause 1.4: a loss report stops reliance at once).
 */
export type PublicCertificateStatus = "VALID" | "SUSPENDED" | "REVOKED" | "EXPIRED" | "NOT_YET_VALID";

const PUBLIC_OF: Record<CertificateStatus, PublicCertificateStatus> = {
  NOT_YET_VALID: "NOT_YET_VALID",
  PENDING_DELIVERY: "VALID",
  IN_TEST_WINDOW: "VALID",
  OBJECTED: "VALID",
  AWAITING_ACCEPTANCE: "VALID",
  ACCEPTED_EXPLICIT: "VALID",
  ACCEPTED_DEEMED: "VALID",
  SUSPENDED: "SUSPENDED",
  REVOKED: "REVOKED",
  SUPERSEDED: "REVOKED",
  EXPIRED: "EXPIRED",
};

export function publicStatusOf(c: CertificateFactsRow, now: Date): PublicCertificateStatus {
  const state = deriveCertificateState(certificateFacts(c), now);
  const status = PUBLIC_OF[state.status];
  // Belt and braces: whatever the life-cycle mapping says, a certificate not usable now is never VALID.
  if (status === "VALID" && !state.usable) return "SUSPENDED";
  return status;
}
