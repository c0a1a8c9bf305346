import { z } from "zod";
import { approvalsCounted, outcomeOfDecision, type ApprovalKindName } from "@/domain/approval";
import { isCaAdmin } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { lockDecidable } from "./internal/decide";
import { afterApproval, runApproved, type ApprovalOutcome } from "./internal/finish";
import { approvalStep } from "./internal/load-request";
import { approvableOf } from "./internal/registry";

export const decideApprovalInput = z.object({
  requestId: z.string().uuid(),
  comment: z.string().trim().max(2000).optional(),
});

/**
 * Another administrator agrees. The approval that reaches the required count runs the action in
 * this same transaction, as the requester and marked as this request (the use case re-checks
 * everything: its refusal becomes FAILED with the reason, audited); otherwise the request waits.
 */
export const approveRequest = defineUseCase({
  name: "approval.approve",
  input: decideApprovalInput,
  authorize: isCaAdmin,
  async prepare(ctx, input) {
    // The CA is opened before the transaction when the action may sign (see defineUseCase's prepare).
    const found = await ctx.db.approvalRequest.findUnique({ where: { id: input.requestId }, select: { kind: true } });
    if (found && approvableOf(found.kind as ApprovalKindName).needsCa) await ctx.ca();
  },
  async run(s, input): Promise<ApprovalOutcome & { id: string }> {
    const request = await lockDecidable(s, input.requestId, "approval.approve");
    const outcome = outcomeOfDecision(request, "APPROVE");
    await s.tx.approvalDecision.create({ data: { requestId: request.id, adminId: s.actor!.userId, decision: "APPROVE", comment: input.comment || null, at: s.now } });
    s.audit({
      action: "approval.approved",
      subjectType: "ApprovalRequest",
      subjectId: request.id,
      summary: { ...approvalStep(request), approvals: approvalsCounted(request) + 1, requiredApprovals: request.requiredApprovals, comment: input.comment || null, complete: outcome === "COMPLETE" },
    });
    if (outcome !== "COMPLETE") return { id: request.id, status: "PENDING", failure: null, afterCommit: [] };
    await s.tx.approvalRequest.update({ where: { id: request.id }, data: { status: "APPROVED" } });
    const approverIds = [...request.decisions.filter((d) => d.decision === "APPROVE").map((d) => d.adminId), s.actor!.userId];
    return { id: request.id, ...(await runApproved(s, approvableOf(request.kind as ApprovalKindName), request, approverIds)) };
  },
  afterCommit: afterApproval,
});
