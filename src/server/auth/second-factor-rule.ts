import type { Role } from "@/generated/prisma/client";
import { isStaffAccount, STAFF_ROLES, type RoleHolder } from "./roles";

/**
 * The staff roles (roles.ts), which can cause issuance, revocation or read the CA's evidence, need a second factor
 * (Baseline Requirements 6.5.1): without one, a session holds none of them. Subscribers and agents
 * may enrol and are then asked for it at every sign-in (check-sign-in-factor), but are not
 * required to.
 */
export const ROLES_NEEDING_SECOND_FACTOR = STAFF_ROLES;

/** How a session was authenticated (RFC 8176 values): the password, and a one-time code or a passkey. */
export type AuthMethod = "pwd" | "otp" | "webauthn";

/** Why a staff member's session has no staff power: no factor yet (enrol), or a session begun without it (sign in again). */
export type SecondFactorDue = "enrol" | "sign-in-again";

/** What counts as a second factor: a confirmed TOTP or a passkey (recovery codes alone are none). */
export function hasSecondFactor(f: { totp: boolean; passkeys: number }): boolean {
  return f.totp || f.passkeys > 0;
}

export function needsSecondFactor(who: RoleHolder): boolean {
  return isStaffAccount(who);
}

/** What a session's token says about its second factor: how it signed in, and the account's factor version then. */
export interface SessionFactorClaims {
  amr: readonly string[];
  /** User.secondFactorVersion at the sign-in; undefined in a token issued before versions existed. */
  factorVersion: number | undefined;
}

/** What the account has now. */
export interface AccountFactorState {
  enrolled: boolean;
  factorVersion: number;
}

/**
 * Whether a session was signed in with a second factor the account still has: its amr names one,
 * the account has one, and nothing took a factor away since the sign-in (a removal or an
 * administrator's reset raises the account's version, in the same transaction). Without the
 * version, a session that used a code before a reset would get its power back as soon as the
 * owner enrolled again. A token without a version counts as an older one (fails closed).
 */
export function sessionHasSecondFactor(session: SessionFactorClaims, account: AccountFactorState): boolean {
  const withFactor = session.amr.includes("otp") || session.amr.includes("webauthn");
  return withFactor && account.enrolled && session.factorVersion === account.factorVersion;
}

/**
 * The one place that decides what a session may do: the account's roles, minus the staff roles
 * when the session has no second factor (sessionHasSecondFactor: signed in without one, or the
 * account's factors were taken away since). Every guard, route handler and use case then refuses
 * staff work on its own, because the roles are not there; `secondFactorDue` tells the console
 * guard where to send the person, and `secondFactor` goes on the actor (factor changes need it).
 *
 * A session whose factor version is out of date keeps its other roles rather than being signed
 * out (as a password change does with pwv): the owner whose factors were reset needs that
 * session to enrol again, and nothing but the second factor changed.
 */
export function sessionRoles(
  roles: readonly Role[],
  session: SessionFactorClaims,
  account: AccountFactorState,
): { roles: Role[]; secondFactorDue: SecondFactorDue | null; secondFactor: boolean } {
  const secondFactor = sessionHasSecondFactor(session, account);
  if (!needsSecondFactor({ roles }) || secondFactor) return { roles: [...roles], secondFactorDue: null, secondFactor };
  return {
    roles: roles.filter((r) => !(ROLES_NEEDING_SECOND_FACTOR as readonly Role[]).includes(r)),
    secondFactorDue: account.enrolled ? "sign-in-again" : "enrol",
    secondFactor,
  };
}

/** Why a change to an account's second factors is allowed, or that it is not (factorChangeStanding). */
export type FactorChangeStanding = "first-factor" | "with-second-factor" | "second-factor-session-required";

/**
 * Who may change an account's second factors (start or confirm an authenticator app, add a
 * passkey, make new recovery codes, remove a factor): before the account has one, any session of
 * it, which is how staff enrol their first after a password sign-in; once it has one, only a
 * session signed in with it (the actor's `secondFactor`, from sessionHasSecondFactor). Otherwise a
 * stolen password would be enough to add the thief's own passkey, or to read new recovery codes.
 */
export function factorChangeStanding(account: { enrolled: boolean }, actor: { secondFactor?: boolean }): FactorChangeStanding {
  if (!account.enrolled) return "first-factor";
  return actor.secondFactor === true ? "with-second-factor" : "second-factor-session-required";
}
