import type { RevocationReasonName } from "./reasons";

/** Mirrors the Prisma enum CaRevocationGround: the five grounds of agreement clause 3, in order. */
export const CA_REVOCATION_GROUNDS = [
  "FALSE_APPLICATION_DATA", // (1) application materials or information untrue, incomplete or inaccurate
  "KEY_COMPROMISED", // (2) private key compromised, or the certificate's security no longer assured
  "USE_OUTSIDE_PURPOSE", // (3) not used for the purpose stated in the application
  "BREACH_OF_OBLIGATIONS", // (4) breach of the law, the CPS, the agreement or other agreements
  "OTHER_HARM_OR_LAW", // (5) other possible harm to relying parties, or required by law
] as const;
export type CaRevocationGround = (typeof CA_REVOCATION_GROUNDS)[number];

/**
 * The RFC 5280 reason each ground is published with, and the others an officer may pick instead.
 * Following the CA/Browser Forum's use of the codes (Baseline Requirements 7.2.2): untrue
 * information, misuse and breach of the subscriber agreement are privilegeWithdrawn; a
 * compromised key is keyCompromise (cACompromise when it is the issuing CA whose security fails);
 * the catch-all ground defaults to unspecified because it asserts nothing more specific.
 */
export const CA_GROUND_REASONS: Readonly<
  Record<CaRevocationGround, { clauseItem: number; defaultReason: RevocationReasonName; allowed: readonly RevocationReasonName[] }>
> = {
  FALSE_APPLICATION_DATA: { clauseItem: 1, defaultReason: "PRIVILEGE_WITHDRAWN", allowed: ["PRIVILEGE_WITHDRAWN"] },
  KEY_COMPROMISED: { clauseItem: 2, defaultReason: "KEY_COMPROMISE", allowed: ["KEY_COMPROMISE", "CA_COMPROMISE"] },
  USE_OUTSIDE_PURPOSE: { clauseItem: 3, defaultReason: "PRIVILEGE_WITHDRAWN", allowed: ["PRIVILEGE_WITHDRAWN"] },
  BREACH_OF_OBLIGATIONS: { clauseItem: 4, defaultReason: "PRIVILEGE_WITHDRAWN", allowed: ["PRIVILEGE_WITHDRAWN"] },
  OTHER_HARM_OR_LAW: {
    clauseItem: 5,
    defaultReason: "UNSPECIFIED",
    allowed: ["UNSPECIFIED", "SUPERSEDED", "CESSATION_OF_OPERATION", "AFFILIATION_CHANGED", "PRIVILEGE_WITHDRAWN"],
  },
};

export type GroundReasonResult =
  | { ok: true; reason: RevocationReasonName }
  | { ok: false; code: "REVOCATION_REASON_NOT_FOR_GROUND"; ground: CaRevocationGround; reason: RevocationReasonName };

/** The reason to publish for a CA-initiated revocation on a clause-3 ground (default, or a permitted choice). */
export function reasonForCaGround(ground: CaRevocationGround, chosen?: RevocationReasonName): GroundReasonResult {
  const rule = CA_GROUND_REASONS[ground];
  if (chosen === undefined) return { ok: true, reason: rule.defaultReason };
  return rule.allowed.includes(chosen)
    ? { ok: true, reason: chosen }
    : { ok: false, code: "REVOCATION_REASON_NOT_FOR_GROUND", ground, reason: chosen };
}
