/** Mirrors the Prisma enum RegistrationAuthorityStatus. */
export type RegistrationAuthorityStatusName = "ACTIVE" | "MERGED" | "CLOSED";

export type AllowedRaAction = { ok: true } | { ok: false; reason: "RA_NOT_ACTIVE" | "RA_SUCCESSOR_INVALID" };

/**
 * What a registration authority's state allows (clause 7.3): only an active RA is merged or closed,
 * and only when another active RA can take over its work. The administrators' RA page renders this
 * (successorsAvailable: the other active RAs) and retireRegistrationAuthority refuses with the same
 * codes (successorsAvailable: whether the chosen successor is active).
 */
export function allowedRegistrationAuthorityActions(facts: { status: RegistrationAuthorityStatusName; successorsAvailable: number }): { retire: AllowedRaAction } {
  if (facts.status !== "ACTIVE") return { retire: { ok: false, reason: "RA_NOT_ACTIVE" } };
  if (facts.successorsAvailable < 1) return { retire: { ok: false, reason: "RA_SUCCESSOR_INVALID" } };
  return { retire: { ok: true } };
}
