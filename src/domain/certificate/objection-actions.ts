/** Mirrors the Prisma enum ObjectionStatus. */
export type ObjectionStatusName = "OPEN" | "RESOLVED";

export type AllowedObjectionAction = { ok: true } | { ok: false; reason: "OBJECTION_NOT_OPEN" };

/**
 * What an objection's state allows (clause 2.2): only an open objection is resolved, once. The RA
 * objection page renders this and resolveObjection refuses with the same code.
 */
export function allowedObjectionActions(facts: { status: ObjectionStatusName }): { resolve: AllowedObjectionAction } {
  return { resolve: facts.status === "OPEN" ? { ok: true } : { ok: false, reason: "OBJECTION_NOT_OPEN" } };
}
