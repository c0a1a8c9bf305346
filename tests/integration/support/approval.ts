// Dual control in tests: a gated use case runs only as an approved request, so tests that need one
// of those actions done ask for it as one administrator and approve it as another.
import { expect } from "vitest";
import type { ApprovalKindName } from "@/domain/approval";
import { approveRequest, requestApproval } from "@/server/approval";
import { actorForApprovedRequest } from "@/server/auth";
import type { ServiceContext } from "@/server/core";

/**
 * Requests `kind` with `payload` as `requester`, approves it as `approver` and returns the stored
 * result of the use case (EXECUTED), or throws with the failure code (FAILED), so a test reads
 * like the direct call it replaces: `await approved(...)` resolves or rejects with `{ code }`.
 */
export async function approved(requester: ServiceContext, approver: ServiceContext, kind: ApprovalKindName, payload: unknown): Promise<Record<string, unknown>> {
  const asked = await requestApproval(requester, { kind, payload });
  const done = asked.status === "PENDING" ? await approveRequest(approver, { requestId: asked.id }) : asked;
  const row = await requester.db.approvalRequest.findUniqueOrThrow({ where: { id: asked.id } });
  if (done.status === "FAILED") throw Object.assign(new Error(`approval ${kind} failed: ${row.failure}`), { code: row.failure });
  expect(done.status).toBe("EXECUTED");
  return (row.result ?? {}) as Record<string, unknown>;
}

/**
 * The context the dual-control executor gives an approved request's use case (the actor marked as
 * acting for an approved request of `kind`): for tests of the gated use cases' own rules, whose
 * approval itself is proven in tests/integration/approval.
 */
export function approvedAs(ctx: ServiceContext, kind: ApprovalKindName): ServiceContext {
  return { ...ctx, actor: actorForApprovedRequest(ctx.actor!, { id: "00000000-0000-4000-8000-0000000000a9", kind }) };
}
