import type { Prisma } from "@/generated/prisma/client";
import { appendAuditEvent, type AuditInput, type ServiceContext, type UseCaseScope } from "@/server/core";
import type { Approvable } from "./approvable";
import { type AfterCommitWork, executeApproved } from "./execute";
import { approvalStep } from "./load-request";

/**
 * The last approval arrived (or none was needed): runs the action in this transaction and records
 * EXECUTED with its result or FAILED with the use case's refusal. The outcome is its own audit event
 * (approval.executed / approval.failed) beside the decision's, in the same transaction.
 */
export async function runApproved(
  s: UseCaseScope,
  entry: Approvable,
  request: { id: string; kind: string; payload: unknown; payloadSha256: string; requestedById: string },
  approverIds: string[],
): Promise<ApprovalOutcome> {
  const outcome = await executeApproved(s, entry, request);
  const step = approvalStep(request as never);
  if (outcome.ok) {
    await s.tx.approvalRequest.update({
      where: { id: request.id },
      data: { status: "EXECUTED", decidedAt: s.now, executedAt: s.now, result: (outcome.result ?? undefined) as Prisma.InputJsonValue | undefined },
    });
    await appendAuditEvent(s.tx, auditOf(s, { action: "approval.executed", subjectType: "ApprovalRequest", subjectId: request.id, summary: { ...step, approverIds, result: entry.auditedResult ? entry.auditedResult(outcome.result) : outcome.result } }));
    return { status: "EXECUTED", failure: null, afterCommit: outcome.afterCommit };
  }
  await s.tx.approvalRequest.update({ where: { id: request.id }, data: { status: "FAILED", decidedAt: s.now, failure: outcome.failure } });
  await appendAuditEvent(s.tx, auditOf(s, { action: "approval.failed", subjectType: "ApprovalRequest", subjectId: request.id, summary: { ...step, approverIds, failure: outcome.failure } }));
  return { status: "FAILED", failure: outcome.failure, afterCommit: [] };
}

export interface ApprovalOutcome {
  status: "PENDING" | "REJECTED" | "EXECUTED" | "FAILED";
  failure: string | null;
  afterCommit: AfterCommitWork[];
}

/**
 * The `afterCommit` of the use cases that may run an approved action: its deferred work (OCSP/CRL
 * publication) runs now, with the real context; the caller gets the request's id and outcome.
 */
export async function afterApproval(ctx: ServiceContext, r: ApprovalOutcome & { id: string }): Promise<{ id: string; status: ApprovalOutcome["status"]; failure: string | null }> {
  for (const work of r.afterCommit) await work(ctx);
  return { id: r.id, status: r.status, failure: r.failure };
}

function auditOf(s: UseCaseScope, e: AuditInput): Parameters<typeof appendAuditEvent>[1] {
  return { ...e, at: s.now, actorId: s.actor?.userId ?? null, actorRoles: s.actor?.roles ?? [], ip: s.meta.ip ?? null, userAgent: s.meta.userAgent ?? null };
}
