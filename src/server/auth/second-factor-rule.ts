import type { Role } from "@/generated/prisma/client";
import type { RoleHolder } from "./roles";

/**
 * The roles that can cause issuance, revocation or read the CA's evidence need a second factor
 * (Baseline Requirements 6.5.1): without one, a session holds none of them. Subscribers and agents
 * may enrol and are then asked for it at every sign-in (check-sign-in-factor), but are not
 * required to.
 */
export const ROLES_NEEDING_SECOND_FACTOR = ["RA_OFFICER", "CA_ADMIN", "AUDITOR"] as const satisfies readonly Role[];

/** How a session was authenticated (RFC 8176 values): the password, and a one-time code or a passkey. */
export type AuthMethod = "pwd" | "otp" | "webauthn";

/** Why a staff member's session has no staff power: no factor yet (enrol), or a session begun without it (sign in again). */
export type SecondFactorDue = "enrol" | "sign-in-again";

export function needsSecondFactor(who: RoleHolder): boolean {
  return who.roles.some((r) => (ROLES_NEEDING_SECOND_FACTOR as readonly Role[]).includes(r));
}

/**
 * The one place that decides what a session may do: the account's roles, minus the staff roles
 * when the session was not signed in with a second factor or the account no longer has one (an
 * administrator reset it). Every guard, route handler and use case then refuses staff work on its
 * own, because the roles are not there; `secondFactorDue` tells the console guard where to send
 * the person.
 */
export function sessionRoles(
  roles: readonly Role[],
  session: { amr: readonly string[]; enrolled: boolean },
): { roles: Role[]; secondFactorDue: SecondFactorDue | null } {
  if (!needsSecondFactor({ roles })) return { roles: [...roles], secondFactorDue: null };
  const withFactor = session.amr.includes("otp") || session.amr.includes("webauthn");
  if (withFactor && session.enrolled) return { roles: [...roles], secondFactorDue: null };
  return {
    roles: roles.filter((r) => !(ROLES_NEEDING_SECOND_FACTOR as readonly Role[]).includes(r)),
    secondFactorDue: session.enrolled ? "sign-in-again" : "enrol",
  };
}
