import type { PrismaClient, Role } from "@/generated/prisma/client";
import { hasSecondFactor, sessionRoles, type SecondFactorDue } from "@/server/auth";
import { fingerprintOf } from "./fingerprint";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string | null;
  roles: Role[];
  locale: string;
  createdAt: Date;
  /**
   * Set when the account holds a staff role that needs a second factor and this session lacks it
   * (roles then leave those roles out): "enrol" (no factor yet) or "sign-in-again" (enrolled since,
   * or the factors were reset or one removed since the session began).
   */
  secondFactorDue: SecondFactorDue | null;
  /** Signed in with a second factor the account still has (sessionHasSecondFactor): changes to the factors need it. */
  secondFactor: boolean;
}

/** What the session token carries (auth.ts): the user id, the password fingerprint, how it signed in, the factor version then. */
export interface SessionClaims {
  userId: string;
  pwv?: string;
  amr?: string[];
  sfv?: number;
}

/**
 * The signed-in user for a session token's claims, from the database: null when the account is
 * gone, disabled or unverified, or the password changed since the session began (pwv). What the
 * second factor gives the session is decided by sessionRoles (src/server/auth), from the token's
 * amr and factor version and the account's factors now.
 */
export async function sessionUserOf(db: PrismaClient, claims: SessionClaims): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: claims.userId },
    select: {
      id: true,
      email: true,
      displayName: true,
      roles: true,
      locale: true,
      createdAt: true,
      passwordHash: true,
      disabledAt: true,
      emailVerifiedAt: true,
      secondFactorVersion: true,
      totpFactor: { select: { confirmedAt: true } },
      _count: { select: { passkeys: true } },
    },
  });
  if (!user || user.disabledAt || !user.emailVerifiedAt) return null;
  if (claims.pwv !== fingerprintOf(user.passwordHash)) return null;
  const { roles, secondFactorDue, secondFactor } = sessionRoles(
    user.roles,
    { amr: claims.amr ?? ["pwd"], factorVersion: claims.sfv },
    { enrolled: hasSecondFactor({ totp: !!user.totpFactor?.confirmedAt, passkeys: user._count.passkeys }), factorVersion: user.secondFactorVersion },
  );
  return { id: user.id, email: user.email, displayName: user.displayName, roles, locale: user.locale, createdAt: user.createdAt, secondFactorDue, secondFactor };
}
