import type { RevocationReasonName } from "../certificate/certificate-status";

export type { RevocationReasonName };

/** RFC 5280 section 5.3.1 CRLReason values (7 is unused). */
export const REVOCATION_REASON_CODES: Readonly<Record<RevocationReasonName, number>> = {
  UNSPECIFIED: 0,
  KEY_COMPROMISE: 1,
  CA_COMPROMISE: 2,
  AFFILIATION_CHANGED: 3,
  SUPERSEDED: 4,
  CESSATION_OF_OPERATION: 5,
  CERTIFICATE_HOLD: 6,
  REMOVE_FROM_CRL: 8,
  PRIVILEGE_WITHDRAWN: 9,
  AA_COMPROMISE: 10,
};

export function reasonCode(reason: RevocationReasonName): number {
  return REVOCATION_REASON_CODES[reason];
}

export function reasonFromCode(code: number): RevocationReasonName | undefined {
  return (Object.keys(REVOCATION_REASON_CODES) as RevocationReasonName[]).find((r) => REVOCATION_REASON_CODES[r] === code);
}

/**
 * Reasons a subscriber (or the agent acting for the organisation) may give when asking for
 * revocation: facts the subscriber knows about its own key and situation. Clause 1.4's loss or
 * theft is a key compromise once confirmed; until then it is a suspension, not a reason.
 */
export const SUBSCRIBER_REVOCATION_REASONS = [
  "UNSPECIFIED",
  "KEY_COMPROMISE",
  "AFFILIATION_CHANGED", // e.g. the holder left the organisation named in the certificate
  "SUPERSEDED",
  "CESSATION_OF_OPERATION",
] as const satisfies readonly RevocationReasonName[];

/**
 * Reasons only the CA (an RA officer or administrator) may record: they assert something about the
 * CA or about the subscriber's conduct, which a subscriber cannot assert about itself.
 */
export const CA_ONLY_REVOCATION_REASONS = ["CA_COMPROMISE", "PRIVILEGE_WITHDRAWN", "AA_COMPROMISE"] as const satisfies readonly RevocationReasonName[];

/**
 * Never a reason for a revocation request: certificateHold is recorded by suspending (the loss
 * report flow), removeFromCRL only appears in delta CRLs when a hold is released.
 */
export const NON_REQUEST_REASONS = ["CERTIFICATE_HOLD", "REMOVE_FROM_CRL"] as const satisfies readonly RevocationReasonName[];

export type RevocationRequester = "SUBSCRIBER" | "CA";

export type ReasonCheck = { ok: true } | { ok: false; code: "REVOCATION_REASON_NOT_ALLOWED"; requester: RevocationRequester; reason: RevocationReasonName };

const includes = (list: readonly string[], r: string) => list.includes(r);

/** May this requester revoke with this reason? (Boulder's revokeBySubscriber vs revokeAdministratively split.) */
export function checkRevocationReason(requester: RevocationRequester, reason: RevocationReasonName): ReasonCheck {
  const allowed =
    requester === "SUBSCRIBER"
      ? includes(SUBSCRIBER_REVOCATION_REASONS, reason)
      : includes(SUBSCRIBER_REVOCATION_REASONS, reason) || includes(CA_ONLY_REVOCATION_REASONS, reason);
  return allowed ? { ok: true } : { ok: false, code: "REVOCATION_REASON_NOT_ALLOWED", requester, reason };
}
