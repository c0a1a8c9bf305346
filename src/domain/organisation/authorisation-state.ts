/**
 * Where an agent authorisation stands at `now`, decided once for every page and query. Order
 * matters: a revocation beats everything; an expired one stays EXPIRED even if never checked;
 * a letter an RA officer has not checked lets the agent do nothing, so an unchecked authorisation
 * is AWAITING_CHECK whatever its dates; only a checked one is NOT_YET_VALID or IN_FORCE.
 * The validity window is [validFrom, validUntil).
 */
export const AUTHORISATION_STATES = ["REVOKED", "EXPIRED", "AWAITING_CHECK", "NOT_YET_VALID", "IN_FORCE"] as const;
export type AuthorisationState = (typeof AUTHORISATION_STATES)[number];

export interface AuthorisationDates {
  validFrom: Date;
  validUntil: Date;
  verifiedAt: Date | null;
  revokedAt: Date | null;
}

export function authorisationState(a: AuthorisationDates, now: Date): AuthorisationState {
  const t = now.getTime();
  if (a.revokedAt) return "REVOKED";
  if (a.validUntil.getTime() <= t) return "EXPIRED";
  if (a.verifiedAt === null) return "AWAITING_CHECK";
  if (a.validFrom.getTime() > t) return "NOT_YET_VALID";
  return "IN_FORCE";
}
