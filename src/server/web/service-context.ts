import { wireContext } from "@/server/ca-service";
import { headers } from "next/headers";
import { getDatabase } from "@/db";
import { type ServiceContext, requestClock } from "@/server/core";
import { metaFromHeaders } from "./internal/request-meta";
import { getSessionUser, type SessionUser } from "./session";

/**
 * The context a page, server action or route handler passes to a use case: the database, the
 * clock, who is acting (from the session, roles from the database) and where the request came from.
 */
export async function serviceContext(user?: SessionUser | null): Promise<ServiceContext> {
  const [db, h, actorUser] = await Promise.all([getDatabase(), headers(), user === undefined ? getSessionUser() : Promise.resolve(user)]);
  return wireContext({
    db: db.prisma,
    clock: await requestClock(db.prisma),
    actor: actorUser ? { userId: actorUser.id, roles: actorUser.roles, secondFactor: actorUser.secondFactor } : null,
    meta: metaFromHeaders(h),
  });
}
