import { objectionInTime } from "../calendar/test-window";
import { deriveCertificateState, type CertificateFacts, type CertificateStatus } from "./certificate-status";

export type CertificateAction =
  | "RECORD_RECEIPT" // clause 1.7
  | "ACCEPT" // explicit acceptance, clause 1.8
  | "OBJECT" // clause 1.8 / 2.2
  | "SUSPEND" // loss report, clause 1.4
  | "RELEASE_HOLD"
  | "REVOKE";

export type CertificateActionCode =
  | "CERT_REVOKED" // already revoked (or superseded): nothing more can happen to it
  | "CERT_EXPIRED"
  | "CERT_ALREADY_RECEIVED"
  | "CERT_NOT_RECEIVED" // acceptance and objection need a receipt first
  | "CERT_ALREADY_ACCEPTED"
  | "CERT_SUSPENDED" // accept/receive while on hold
  | "CERT_ALREADY_SUSPENDED"
  | "CERT_NOT_SUSPENDED";

export type CertificateActionCheck =
  | { ok: true; /** OBJECT only: raised after the window, recorded as an ordinary request. */ late?: boolean }
  | { ok: false; code: CertificateActionCode; status: CertificateStatus };

/**
 * Whether an action may be taken on a certificate at `now`, and if not, the stable code to
 * return. Revocation is allowed while suspended (hold -> revoke) and during the test window.
 */
export function checkCertificateAction(action: CertificateAction, facts: CertificateFacts, now: Date): CertificateActionCheck {
  const { status, acceptance } = deriveCertificateState(facts, now);
  const refuse = (code: CertificateActionCode): CertificateActionCheck => ({ ok: false, code, status });

  if (status === "REVOKED" || status === "SUPERSEDED") return refuse("CERT_REVOKED");
  if (status === "EXPIRED") return refuse("CERT_EXPIRED");

  switch (action) {
    case "RECORD_RECEIPT":
      if (facts.receiptAt) return refuse("CERT_ALREADY_RECEIVED");
      if (status === "SUSPENDED") return refuse("CERT_SUSPENDED");
      return { ok: true };
    case "ACCEPT":
      if (!facts.receiptAt || facts.receiptAt.getTime() > now.getTime()) return refuse("CERT_NOT_RECEIVED");
      if (acceptance) return refuse("CERT_ALREADY_ACCEPTED");
      if (status === "SUSPENDED") return refuse("CERT_SUSPENDED");
      return { ok: true };
    case "OBJECT": {
      if (!facts.receiptAt || facts.receiptAt.getTime() > now.getTime()) return refuse("CERT_NOT_RECEIVED");
      const late = !facts.testWindowDeadline || !objectionInTime(now, facts.testWindowDeadline) || acceptance !== null;
      return { ok: true, late };
    }
    case "SUSPEND":
      return status === "SUSPENDED" ? refuse("CERT_ALREADY_SUSPENDED") : { ok: true };
    case "RELEASE_HOLD":
      return status === "SUSPENDED" ? { ok: true } : refuse("CERT_NOT_SUSPENDED");
    case "REVOKE":
      return { ok: true };
  }
}
