import type { Actor, Tx } from "@/server/core/context";
import type { PrismaClient } from "@/generated/prisma/client";
import { domainError } from "@/server/core/errors";

/** Who answers support requests (clause 2.4): RA officers and CA administrators. */
export function isSupportStaff(actor: Actor): boolean {
  return actor.roles.includes("RA_OFFICER") || actor.roles.includes("CA_ADMIN");
}

/** Who may open one: the CA's customers, in person or as an organisation's agent. */
export function mayOpenSupportRequest(actor: Actor): boolean {
  return actor.roles.includes("SUBSCRIBER") || actor.roles.includes("AGENT");
}

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
