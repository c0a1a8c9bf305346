import { isDeemedAccepted, objectionInTime } from "../calendar/test-window";

/** Mirrors the Prisma enum RevocationReason (RFC 5280 CRLReason names). */
export type RevocationReasonName =
  | "UNSPECIFIED"
  | "KEY_COMPROMISE"
  | "CA_COMPROMISE"
  | "AFFILIATION_CHANGED"
  | "SUPERSEDED"
  | "CESSATION_OF_OPERATION"
  | "CERTIFICATE_HOLD"
  | "REMOVE_FROM_CRL"
  | "PRIVILEGE_WITHDRAWN"
  | "AA_COMPROMISE";

export type ObjectionResolutionName = "CONSULTATION" | "REVOCATION" | "CHANGE";

/** What the database records about a certificate; everything else is derived from these and `now`. */
export interface CertificateFacts {
  notBefore: Date;
  notAfter: Date;
  /** Clause 1.7: download, hand-over or signed-for time. */
  receiptAt: Date | null;
  testWindowDeadline: Date | null;
  testWindowProvisional: boolean;
  explicitAcceptedAt: Date | null;
  objections: readonly { raisedAt: Date; resolvedAt?: Date | null; resolution?: ObjectionResolutionName | null }[];
  /** Suspension (certificateHold) start; `holdReleasedAt` ends it. */
  holdAt: Date | null;
  holdReleasedAt?: Date | null;
  revokedAt: Date | null;
  revocationReason: RevocationReasonName | null;
}

export type CertificateStatus =
  | "NOT_YET_VALID"
  | "PENDING_DELIVERY" // issued, not yet received (clause 1.7)
  | "IN_TEST_WINDOW" // received, window of clause 1.8 open, no objection
  | "OBJECTED" // an objection raised in time is open (clause 2.2)
  | "AWAITING_ACCEPTANCE" // window over but neither accepted nor deemed: see `awaiting`
  | "ACCEPTED_EXPLICIT"
  | "ACCEPTED_DEEMED"
  | "SUSPENDED" // certificateHold after a loss report (clause 1.4)
  | "REVOKED"
  | "SUPERSEDED" // revoked because a newer certificate replaced it
  | "EXPIRED";

export interface DerivedCertificateState {
  status: CertificateStatus;
  /** May a relying party trust it now (OCSP "good")? True also during the test window. */
  usable: boolean;
  acceptance: { kind: "EXPLICIT" | "DEEMED"; at: Date } | null;
  /** Why acceptance is pending after the window: unconfirmed calendar, or an objection settled by consultation. */
  awaiting: "CALENDAR_CONFIRMATION" | "EXPLICIT_ACCEPTANCE_AFTER_OBJECTION" | null;
}

const at = (d: Date | null | undefined, now: Date) => d != null && d.getTime() <= now.getTime();

/** The acceptance as of `now`, whichever came first: the explicit click or the deadline passing in silence. */
export function acceptanceAt(f: CertificateFacts, now: Date): DerivedCertificateState["acceptance"] {
  if (
    f.testWindowDeadline &&
    isDeemedAccepted(
      {
        receiptAt: f.receiptAt,
        deadline: f.testWindowDeadline,
        provisional: f.testWindowProvisional,
        objections: f.objections,
        explicitAcceptedAt: f.explicitAcceptedAt,
      },
      now,
    )
  ) {
    return { kind: "DEEMED", at: f.testWindowDeadline };
  }
  if (at(f.explicitAcceptedAt, now)) return { kind: "EXPLICIT", at: f.explicitAcceptedAt! };
  return null;
}

/**
 * The certificate's status at `now`, derived from its recorded facts. Precedence: a revocation is
 * final and outranks expiry (the record must say it was revoked); expiry outranks suspension;
 * then the life cycle of delivery, test window and acceptance (clauses 1.7, 1.8, 2.2).
 * Validity follows RFC 5280: valid from notBefore through notAfter inclusive.
 */
export function deriveCertificateState(f: CertificateFacts, now: Date): DerivedCertificateState {
  const t = now.getTime();
  const acceptance = acceptanceAt(f, now);
  const result = (status: CertificateStatus, usable: boolean, awaiting: DerivedCertificateState["awaiting"] = null) => ({
    status,
    usable,
    acceptance,
    awaiting,
  });

  if (at(f.revokedAt, now)) return result(f.revocationReason === "SUPERSEDED" ? "SUPERSEDED" : "REVOKED", false);
  if (t > f.notAfter.getTime()) return result("EXPIRED", false);
  if (at(f.holdAt, now) && !at(f.holdReleasedAt, now)) return result("SUSPENDED", false);
  if (t < f.notBefore.getTime()) return result("NOT_YET_VALID", false);
  if (!at(f.receiptAt, now)) return result("PENDING_DELIVERY", true);
  if (acceptance) return result(acceptance.kind === "DEEMED" ? "ACCEPTED_DEEMED" : "ACCEPTED_EXPLICIT", true);

  const deadline = f.testWindowDeadline;
  const inTime = deadline ? f.objections.filter((o) => at(o.raisedAt, now) && objectionInTime(o.raisedAt, deadline)) : [];
  if (inTime.some((o) => !at(o.resolvedAt, now))) return result("OBJECTED", true);
  if (!deadline || t < deadline.getTime()) return result("IN_TEST_WINDOW", true);
  if (inTime.length > 0) return result("AWAITING_ACCEPTANCE", true, "EXPLICIT_ACCEPTANCE_AFTER_OBJECTION");
  return result("AWAITING_ACCEPTANCE", true, "CALENDAR_CONFIRMATION");
}

/** Mirrors the Prisma enum CertificateStatus, the coarse status stored for queries. */
export type StoredCertificateStatus = "ISSUED" | "ACTIVE" | "SUSPENDED" | "REVOKED" | "EXPIRED";

/** The coarse stored status matching a derived one (the derived one stays authoritative). */
export function storedStatusOf(status: CertificateStatus): StoredCertificateStatus {
  switch (status) {
    case "ACCEPTED_EXPLICIT":
    case "ACCEPTED_DEEMED":
      return "ACTIVE";
    case "SUSPENDED":
      return "SUSPENDED";
    case "REVOKED":
    case "SUPERSEDED":
      return "REVOKED";
    case "EXPIRED":
      return "EXPIRED";
    default:
      return "ISSUED";
  }
}
