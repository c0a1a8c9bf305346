import { cookies } from "next/headers";
import { cache } from "react";
import { getDatabase } from "@/db";
import { auth } from "./auth";
import { hasSessionCookie } from "./internal/session-cookie";
import { sessionUserOf, type SessionUser } from "./internal/session-user";

export type { SessionUser } from "./internal/session-user";

/**
 * The signed-in user for this request, from the database (once per request): null when there is
 * no session, the account is gone or disabled, or the password changed since the session began.
 * Staff power and factor changes only with a second factor the account still has, and none taken
 * away since the sign-in (an administrator's reset or a removal ends it at once, for good).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // No session cookie, no session: Auth.js would say the same after building a request, running its
  // whole session action and answering null (issue 16: every anonymous page paid for it).
  if (!hasSessionCookie((await cookies()).getAll())) return null;
  const session = (await auth()) as { user?: { id?: string }; pwv?: string; amr?: string[]; sfv?: number } | null;
  const id = session?.user?.id;
  if (!id) return null;
  const db = await getDatabase();
  return sessionUserOf(db.prisma, { userId: id, pwv: session.pwv, amr: session.amr, sfv: session.sfv });
});

