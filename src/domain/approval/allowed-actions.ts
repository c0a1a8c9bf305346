import { approvalDecisionRefusal, type ApprovalFacts, type ApprovalRefusal } from "./rules";

export type AllowedApprovalAction = { ok: true } | { ok: false; reason: ApprovalRefusal };
export interface AllowedApprovalActions {
  approve: AllowedApprovalAction;
  reject: AllowedApprovalAction;
}

/**
 * What a request allows this administrator: the answer the approval page renders and
 * approveRequest / rejectRequest enforce. Approving and rejecting are offered together: the same
 * person who may agree may refuse.
 */
export function allowedApprovalActions(facts: ApprovalFacts, adminId: string, now: Date): AllowedApprovalActions {
  const reason = approvalDecisionRefusal(facts, adminId, now);
  const answer: AllowedApprovalAction = reason ? { ok: false, reason } : { ok: true };
  return { approve: answer, reject: answer };
}
