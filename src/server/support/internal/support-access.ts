import { type Actor, type Tx, domainError } from "@/server/core";
import type { PrismaClient } from "@/generated/prisma/client";
import { isSupportStaff } from "@/server/auth";

/**
 * The request, if the actor may see it: its author or support staff. Anyone else is told it does
 * not exist, so request ids cannot be probed.
 */
export async function supportRequestFor(db: Tx | PrismaClient, requestId: string, actor: Actor, opts: { lock?: boolean } = {}) {
  if (opts.lock) await (db as Tx).$queryRaw`SELECT "id" FROM "SupportRequest" WHERE "id" = ${requestId} FOR UPDATE`;
  const request = await db.supportRequest.findUnique({ where: { id: requestId } });
  if (!request) throw domainError("NOT_FOUND");
  if (request.userId !== actor.userId && !isSupportStaff(actor)) throw domainError("NOT_FOUND");
  return request;
}
