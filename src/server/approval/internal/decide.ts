import { approvalDecisionRefusal, type ApprovalKindName } from "@/domain/approval";
import { requireNotPartyToCase } from "@/server/auth";
import { domainError, type UseCaseScope } from "@/server/core";
import { approvalStep, type LoadedApproval, lockApproval } from "./load-request";
import { approvableOf } from "./registry";

/**
 * What approving and rejecting both check first, under the request's row lock: the domain's rule
 * (pending, not expired, not the requester's own, not decided by them before) and separation of
 * duties (an administrator who is party to the case, e.g. the certificate's holder, decides
 * nothing about it). Both refusals are recorded as evidence, nothing else is written.
 */
export async function lockDecidable(s: UseCaseScope, requestId: string, decision: "approval.approve" | "approval.reject"): Promise<LoadedApproval> {
  const request = await lockApproval(s.tx, requestId);
  const refusal = approvalDecisionRefusal(request, s.actor!.userId, s.now);
  if (refusal) {
    // The attempt is evidence (an administrator approving their own request): committed alone.
    s.audit({ action: "approval.decision-refused", subjectType: "ApprovalRequest", subjectId: request.id, summary: { ...approvalStep(request), decision: decision === "approval.approve" ? "APPROVE" : "REJECT", refusal } });
    s.rejectAfterCommit(domainError(refusal));
  }
  const entry = approvableOf(request.kind as ApprovalKindName);
  const kase = entry.parties ? await entry.parties(s.tx, entry.input.parse(request.payload)) : null;
  if (kase) await requireNotPartyToCase(s, kase.parties, { decision, ...kase.subject });
  return request;
}
