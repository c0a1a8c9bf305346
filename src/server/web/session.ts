import { cache } from "react";
import { getDatabase } from "@/db";
import type { Role } from "@/generated/prisma/client";
import { auth } from "./auth";
import { fingerprintOf } from "./internal/fingerprint";

export interface SessionUser {
  id: string;
  email: string;
  displayName: string | null;
  roles: Role[];
  locale: string;
  createdAt: Date;
}

/**
 * The signed-in user for this request, from the database (once per request): null when there is
 * no session, the account is gone or disabled, or the password changed since the session began.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await auth()) as { user?: { id?: string }; pwv?: string } | null;
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDatabase();
  const user = await db.prisma.user.findUnique({
    where: { id },
    select: { id: true, email: true, displayName: true, roles: true, locale: true, createdAt: true, passwordHash: true, disabledAt: true, emailVerifiedAt: true },
  });
  if (!user || user.disabledAt || !user.emailVerifiedAt) return null;
  if (session.pwv !== fingerprintOf(user.passwordHash)) return null;
  return { id: user.id, email: user.email, displayName: user.displayName, roles: user.roles, locale: user.locale, createdAt: user.createdAt };
});
