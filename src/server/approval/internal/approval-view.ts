import { allowedApprovalActions, approvalsCounted, approvalExpired, recoveredKeyAvailable, type AllowedApprovalActions, type ApprovalKindName, type ApprovalStatusName } from "@/domain/approval";
import type { Actor, Tx } from "@/server/core";
import type { PrismaClient } from "@/generated/prisma/client";
import type { ApprovalSummary } from "./approvable";
import type { LoadedApproval } from "./load-request";

type Db = Tx | PrismaClient;

export interface ApprovalView {
  id: string;
  kind: ApprovalKindName;
  /** PENDING past its expiry reads EXPIRED here, as the rule decides, before the sweep marks it. */
  status: ApprovalStatusName;
  summary: ApprovalSummary;
  payloadSha256: string;
  requestedBy: { id: string; email: string };
  requiredApprovals: number;
  approvals: number;
  createdAt: Date;
  expiresAt: Date;
  decidedAt: Date | null;
  executedAt: Date | null;
  failure: string | null;
  decisions: { admin: { id: string; email: string }; decision: "APPROVE" | "REJECT"; comment: string | null; at: Date }[];
  can: AllowedApprovalActions;
  /** This reader may download a recovered key's envelope (the requester of an executed KEY_RECOVERY). */
  canDownloadRecoveredKey: boolean;
}

/** Requests as the approval pages show them, with each reader's `can` (the rule approve/reject enforce). */
export async function approvalViews(db: Db, rows: LoadedApproval[], actor: Actor, now: Date): Promise<ApprovalView[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requestedById, ...r.decisions.map((d) => d.adminId)]))];
  const users = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [u.id, u]));
  const who = (id: string) => users.get(id) ?? { id, email: "" };
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as ApprovalKindName,
    status: approvalExpired(r, now) ? "EXPIRED" : (r.status as ApprovalStatusName),
    summary: r.summary as unknown as ApprovalSummary,
    payloadSha256: r.payloadSha256,
    requestedBy: who(r.requestedById),
    requiredApprovals: r.requiredApprovals,
    approvals: approvalsCounted(r),
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
    decidedAt: r.decidedAt,
    executedAt: r.executedAt,
    failure: r.failure,
    decisions: r.decisions.map((d) => ({ admin: who(d.adminId), decision: d.decision, comment: d.comment, at: d.at })),
    can: allowedApprovalActions(r, actor.userId, now),
    canDownloadRecoveredKey: recoveredKeyAvailable({ kind: r.kind, status: r.status as ApprovalStatusName, requestedById: r.requestedById }, actor.userId),
  }));
}
