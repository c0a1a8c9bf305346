import { CA_GROUND_REASONS, reasonForCaGround, type CaRevocationGround, type GroundReasonResult, type RevocationReasonName } from "../revocation";

/** Mirrors the Prisma enum ProblemReportCategory: what a reporter may say is wrong with a certificate. */
export const PROBLEM_REPORT_CATEGORIES = ["KEY_COMPROMISE", "MISUSE", "ILLEGAL_CONTENT", "FRAUD", "OTHER"] as const;
export type ProblemReportCategory = (typeof PROBLEM_REPORT_CATEGORIES)[number];

/**
 * The clause 3 grounds a revocation on a report of this kind may rest on, the usual one first.
 * A report names what the reporter saw, the officer decides which ground the facts establish:
 * fraud is usually untrue application data (item 1) but may be a breach of the law (item 4);
 * illegal content is a breach of the law or the agreement (item 4); misuse is use outside the
 * purpose applied for (item 3) or a breach (item 4); a compromised key is item 2 and nothing else,
 * so its keyCompromise revocation is the same one a subscriber's key-signed request gets.
 */
export const GROUNDS_FOR_CATEGORY: Readonly<Record<ProblemReportCategory, readonly CaRevocationGround[]>> = {
  KEY_COMPROMISE: ["KEY_COMPROMISED"],
  MISUSE: ["USE_OUTSIDE_PURPOSE", "BREACH_OF_OBLIGATIONS", "OTHER_HARM_OR_LAW"],
  ILLEGAL_CONTENT: ["BREACH_OF_OBLIGATIONS", "OTHER_HARM_OR_LAW"],
  FRAUD: ["FALSE_APPLICATION_DATA", "BREACH_OF_OBLIGATIONS", "OTHER_HARM_OR_LAW"],
  OTHER: ["OTHER_HARM_OR_LAW", "FALSE_APPLICATION_DATA", "KEY_COMPROMISED", "USE_OUTSIDE_PURPOSE", "BREACH_OF_OBLIGATIONS"],
};

export type ProblemReportRevocation =
  | { ok: true; ground: CaRevocationGround; clauseItem: number; reason: RevocationReasonName }
  | { ok: false; code: "PROBLEM_REPORT_GROUND_NOT_FOR_CATEGORY" }
  | Extract<GroundReasonResult, { ok: false }>;

/**
 * The revocation a report's outcome publishes: the ground (the category's usual one unless the
 * officer picked another the category allows) and its RFC 5280 reason through the revocation
 * domain's mapping (reasonForCaGround), so a report never invents a reason of its own.
 */
export function revocationForReport(category: ProblemReportCategory, ground?: CaRevocationGround, reason?: RevocationReasonName): ProblemReportRevocation {
  const allowed = GROUNDS_FOR_CATEGORY[category];
  const chosen = ground ?? allowed[0]!;
  if (!allowed.includes(chosen)) return { ok: false, code: "PROBLEM_REPORT_GROUND_NOT_FOR_CATEGORY" };
  const mapped = reasonForCaGround(chosen, reason);
  if (!mapped.ok) return mapped;
  return { ok: true, ground: chosen, clauseItem: CA_GROUND_REASONS[chosen].clauseItem, reason: mapped.reason };
}
