import { cache } from "react";
import { getDatabase } from "@/db";
import type { Role } from "@/generated/prisma/client";
import { sessionRoles, type SecondFactorDue } from "@/server/auth";
import { auth } from "./auth";
import { fingerprintOf } from "./internal/fingerprint";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string | null;
  roles: Role[];
  locale: string;
  createdAt: Date;
  /**
   * Set when the account holds a staff role that needs a second factor and this session lacks it
   * (roles then leave those roles out): "enrol" (no factor yet) or "sign-in-again" (enrolled since).
   */
  secondFactorDue: SecondFactorDue | null;
}

/**
 * The signed-in user for this request, from the database (once per request): null when there is
 * no session, the account is gone or disabled, or the password changed since the session began.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { user?: { id?: string }; pwv?: string; amr?: string[] } | null;
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDatabase();
  const user = await db.prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, displayName: true, roles: true, locale: true, createdAt: true, passwordHash: true, disabledAt: true, emailVerifiedAt: true, totpFactor: { select: { confirmedAt: true } }, _count: { select: { passkeys: true } } },
  });
  if (!user || user.disabledAt || !user.emailVerifiedAt) return null;
  if (session.pwv !== fingerprintOf(user.passwordHash)) return null;
  // Staff power only with a second factor the account still has (an administrator's reset ends it at once).
  const { roles, secondFactorDue } = sessionRoles(user.roles, { amr: session.amr ?? ["pwd"], enrolled: !!user.totpFactor?.confirmedAt || user._count.passkeys > 0 });
  return { id: user.id, email: user.email, displayName: user.displayName, roles, locale: user.locale, createdAt: user.createdAt, secondFactorDue };
});
