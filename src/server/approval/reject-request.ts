import { isCaAdmin } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { decideApprovalInput } from "./approve-request";
import { lockDecidable } from "./internal/decide";
import { approvalStep } from "./internal/load-request";

/** One rejection rejects: any administrator asked to agree can stop the action; nothing runs. */
export const rejectRequest = defineUseCase({
  name: "approval.reject",
  input: decideApprovalInput,
  authorize: isCaAdmin,
  async run(s, input) {
    const request = await lockDecidable(s, input.requestId, "approval.reject");
    await s.tx.approvalDecision.create({ data: { requestId: request.id, adminId: s.actor!.userId, decision: "REJECT", comment: input.comment || null, at: s.now } });
    await s.tx.approvalRequest.update({ where: { id: request.id }, data: { status: "REJECTED", decidedAt: s.now } });
    s.audit({ action: "approval.rejected", subjectType: "ApprovalRequest", subjectId: request.id, summary: { ...approvalStep(request), comment: input.comment || null } });
    return { id: request.id, status: "REJECTED" as const };
  },
});
