import type { PrismaClient } from "@/generated/prisma/client";
import { actorForApprovedRequest } from "@/server/auth";
import { type Actor, isDomainError, type ServiceContext, type UseCaseScope, type Tx } from "@/server/core";
import type { Approvable } from "./approvable";
import { storedPayload } from "./payload";

/** Work the approved use case left for after the commit (publishing OCSP/CRL...): run by afterApproval. */
export type AfterCommitWork = (outer: ServiceContext) => Promise<unknown>;
export type Execution = { ok: true; result: unknown; afterCommit: AfterCommitWork[] } | { ok: false; failure: string };

/**
 * A database handle whose `$transaction` runs inside the approver's transaction: the approved use
 * case keeps its own conventions (validation, authorisation, its own audit event) but commits or
 * rolls back with the approval that completed it, so "approved" and "done" are one fact.
 */
function withinTransaction(tx: Tx): PrismaClient {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "$transaction") {
        return (arg: unknown) => (typeof arg === "function" ? (arg as (t: Tx) => Promise<unknown>)(target) : Promise.all(arg as Promise<unknown>[]));
      }
      return Reflect.get(target, prop, receiver);
    },
  }) as unknown as PrismaClient;
}

/**
 * Runs the approved action as its requester (their roles as they are now: an administrator who
 * lost the role meanwhile gets FAILED), marked as acting for this request, inside a savepoint of
 * the approver's transaction. The use case re-checks everything: a refusal (the certificate was
 * revoked meanwhile, the RA closed...) rolls its writes back to the savepoint and comes back as
 * the failure code; anything unexpected rolls back the approval too. Its after-commit work (OCSP
 * and CRL) is handed back to run once the approver's transaction has committed.
 */
export async function executeApproved(
  s: UseCaseScope,
  entry: Approvable,
  request: { id: string; kind: string; payload: unknown; requestedById: string },
): Promise<Execution> {
  const requester = await s.tx.user.findUnique({ where: { id: request.requestedById }, select: { id: true, roles: true, disabledAt: true } });
  if (!requester || requester.disabledAt) return { ok: false, failure: "FORBIDDEN" };
  const actor: Actor = actorForApprovedRequest({ userId: requester.id, roles: requester.roles, secondFactor: true }, request);
  const afterCommit: AfterCommitWork[] = [];
  const ctx: ServiceContext = { db: withinTransaction(s.tx), clock: { now: () => s.now }, actor, meta: s.meta, ca: s.ca, deferAfterCommit: (work) => afterCommit.push(work) };
  await s.tx.$executeRawUnsafe("SAVEPOINT approval_execution");
  try {
    const result = await entry.run(ctx, request.payload);
    await s.tx.$executeRawUnsafe("RELEASE SAVEPOINT approval_execution");
    return { ok: true, result: result === undefined ? null : storedPayload(result), afterCommit };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    await s.tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT approval_execution");
    return { ok: false, failure: e.code };
  }
}
