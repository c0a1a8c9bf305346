import type { ApprovalDecisionName, ApprovalStatusName } from "./kinds";

/** The facts of a request the rules read. */
export interface ApprovalFacts {
  status: ApprovalStatusName;
  expiresAt: Date;
  requestedById: string;
  /** How many administrators must agree, counting the requester. */
  requiredApprovals: number;
  decisions: readonly { adminId: string; decision: ApprovalDecisionName }[];
}

/** Why an administrator may not decide a request now (each is the DomainError code the use cases throw). */
export type ApprovalRefusal =
  | "APPROVAL_CLOSED" // rejected, expired, executed or failed: nothing left to decide
  | "APPROVAL_EXPIRED" // still PENDING in the table, but past its expiry: the sweep has not marked it yet
  | "APPROVAL_OWN_REQUEST" // the requester's consent is their request; a second person must agree
  | "APPROVAL_ALREADY_DECIDED"; // each administrator decides once

/**
 * A request past its expiry does nothing, whether or not the sweep has marked it: the instant
 * decides, not the row, so an approval that arrives one second late is refused.
 */
export function approvalExpired(facts: Pick<ApprovalFacts, "status" | "expiresAt">, now: Date): boolean {
  return facts.status === "EXPIRED" || (facts.status === "PENDING" && now.getTime() >= facts.expiresAt.getTime());
}

/** May this administrator approve or reject the request now (the role itself is the authority module's question). */
export function approvalDecisionRefusal(facts: ApprovalFacts, adminId: string, now: Date): ApprovalRefusal | null {
  if (approvalExpired(facts, now)) return "APPROVAL_EXPIRED";
  if (facts.status !== "PENDING") return "APPROVAL_CLOSED";
  if (facts.requestedById === adminId) return "APPROVAL_OWN_REQUEST";
  if (facts.decisions.some((d) => d.adminId === adminId)) return "APPROVAL_ALREADY_DECIDED";
  return null;
}

/** Approvals so far, the requester counted (their request is their consent). */
export function approvalsCounted(facts: Pick<ApprovalFacts, "decisions">): number {
  return 1 + facts.decisions.filter((d) => d.decision === "APPROVE").length;
}

/**
 * What a decision makes of a pending request: one rejection rejects (any approver can stop it);
 * the approval that reaches the required count completes it (the action runs); otherwise it waits.
 */
export function outcomeOfDecision(facts: Pick<ApprovalFacts, "decisions" | "requiredApprovals">, decision: ApprovalDecisionName): "REJECTED" | "COMPLETE" | "WAITING" {
  if (decision === "REJECT") return "REJECTED";
  return approvalsCounted(facts) + 1 >= facts.requiredApprovals ? "COMPLETE" : "WAITING";
}

/** A request that needs nobody but the requester runs at once (allowed on the embedded demo database only; see settings). */
export function runsAtOnce(requiredApprovals: number): boolean {
  return requiredApprovals <= 1;
}

/**
 * May this administrator take the envelope of a recovered key: only the one who requested the
 * recovery (the court's or authority's contact), and only once it was carried out. The approval
 * page offers the download and the download route enforces it with this one answer.
 */
export function recoveredKeyAvailable(facts: { kind: string; status: ApprovalStatusName; requestedById: string }, adminId: string): boolean {
  return facts.kind === "KEY_RECOVERY" && facts.status === "EXECUTED" && facts.requestedById === adminId;
}
