// RFC 5280 CRLReason codes. Subscribers may only state some reasons themselves; the others are
// for the CA's administrative revocations (the split Boulder makes in revocation/reasons.go).
export const REASON_CODES = {
  unspecified: 0,
  keyCompromise: 1,
  cACompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
  removeFromCRL: 8,
  privilegeWithdrawn: 9,
  aACompromise: 10,
} as const;
export type RevocationReason = keyof typeof REASON_CODES;

export const SUBSCRIBER_REASONS: readonly RevocationReason[] = ["unspecified", "keyCompromise", "affiliationChanged", "superseded", "cessationOfOperation"];
export const ADMINISTRATIVE_REASONS: readonly RevocationReason[] = [...SUBSCRIBER_REASONS, "certificateHold", "privilegeWithdrawn", "cACompromise"];

export const reasonFromCode = (code: number): RevocationReason | undefined =>
  (Object.keys(REASON_CODES) as RevocationReason[]).find((k) => REASON_CODES[k] === code);
