import type { Role } from "@/generated/prisma/client";

export type { Role };

export const ALL_ROLES = ["SUBSCRIBER", "AGENT", "RA_OFFICER", "CA_ADMIN", "AUDITOR"] as const satisfies readonly Role[];

/**
 * Who may enter each staff area. Deliberately no hierarchy: a CA administrator is not an RA
 * officer and an auditor sees nothing but the audit log (separation of duties for a CA's
 * trusted roles). A person who needs two areas holds two roles.
 */
export const AREA_ROLES = {
  agent: ["AGENT"],
  ra: ["RA_OFFICER"],
  admin: ["CA_ADMIN"],
  audit: ["AUDITOR"],
} as const satisfies Record<string, readonly Role[]>;

export type Area = keyof typeof AREA_ROLES;

export function hasAnyRole(userRoles: readonly string[], allowed: readonly Role[]): boolean {
  return userRoles.some((r) => (allowed as readonly string[]).includes(r));
}

/** The areas a user may enter, in navigation order. */
export function areasFor(userRoles: readonly string[]): Area[] {
  return (Object.keys(AREA_ROLES) as Area[]).filter((a) => hasAnyRole(userRoles, AREA_ROLES[a]));
}
