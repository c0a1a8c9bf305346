import type { z } from "zod";
import type { ApprovalKindName } from "@/domain/approval";
import type { CaseParties, RefusedDecision } from "@/server/auth";
import type { ServiceContext, Tx } from "@/server/core";

/**
 * What the approver reads before agreeing: plain facts (field -> value) and the changes the
 * action makes (field -> before and after). Keys are words of messages/areas/console.*.json
 * (console.approvals.fields); values are shown as written. Taken at request time and stored with
 * the request, so the approver sees what the requester saw.
 */
export interface ApprovalSummary {
  facts: Record<string, string | number | boolean | null>;
  changes?: Record<string, { from: string | number | boolean | null; to: string | number | boolean | null }>;
}

/**
 * One action dual control guards: the use case's own input schema (what the request stores), the
 * use case itself (run by the executor with the approval marker in the actor), the summary the
 * approvers read, and who the case is about (approvers who are party to it may not decide it).
 */
export interface Approvable<S extends z.ZodType = z.ZodType> {
  kind: ApprovalKindName;
  input: S;
  run: (ctx: ServiceContext, input: z.infer<S>) => Promise<unknown>;
  describe: (tx: Tx, input: z.infer<S>) => Promise<ApprovalSummary>;
  /** The case's parties (e.g. a certificate's subscriber): separation of duties for requester and approvers. */
  parties?: (tx: Tx, input: z.infer<S>) => Promise<ApprovalCase | null>;
  /** The use case signs or publishes with the CA: the executor opens it before the transaction. */
  needsCa?: boolean;
  /** What of the result goes into approval.executed's audit summary (default: all of it); the stored result is whole. */
  auditedResult?: (result: unknown) => unknown;
}

/** The case an action is about: its parties, and the subject a refused decision is recorded against. */
export interface ApprovalCase {
  parties: CaseParties;
  subject: Omit<RefusedDecision, "decision">;
}

/** Keeps each entry's input type tied to its schema. */
export function approvable<S extends z.ZodType>(entry: Approvable<S>): Approvable {
  return entry as unknown as Approvable;
}
