import type { AllowedSupportAction, SupportSide } from "@/domain/support";
import { type Actor, type Tx, domainError } from "@/server/core";
import type { PrismaClient, SupportRequest } from "@/generated/prisma/client";
import { mayHandleSupportRequest } from "@/server/auth";

/**
 * The request, if the actor may see it, with the side of the thread they are on: its author (the
 * requester side, even when they are staff themselves) or the support desk within its reach
 * (auth/support-desk-access.ts). Anyone else is told it does not exist, so request ids cannot be
 * probed.
 */
export async function supportRequestFor(
  db: Tx | PrismaClient,
  requestId: string,
  actor: Actor,
  opts: { lock?: boolean } = {},
): Promise<SupportRequest & { reader: SupportSide }> {
  if (opts.lock) await (db as Tx).$queryRaw`SELECT "id" FROM "SupportRequest" WHERE "id" = ${requestId} FOR UPDATE`;
  const request = await db.supportRequest.findUnique({ where: { id: requestId } });
  if (!request) throw domainError("NOT_FOUND");
  if (request.userId === actor.userId) return { ...request, reader: { side: "requester" } };
  if (await mayHandleSupportRequest(db, actor, request)) return { ...request, reader: { side: "staff", userId: actor.userId } };
  throw domainError("NOT_FOUND");
}

/** Refuses with the state rule's reason (allowed-actions), or passes. */
export function enforce(allowed: AllowedSupportAction): void {
  if (!allowed.ok) throw domainError(allowed.reason);
}
