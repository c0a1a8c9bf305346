import type { ApprovalDecision, ApprovalRequest } from "@/generated/prisma/client";
import { domainError, type Tx } from "@/server/core";

export type LoadedApproval = ApprovalRequest & { decisions: ApprovalDecision[] };

/** The request under its row lock (two last approvals at once must not both run the action), with its decisions. */
export async function lockApproval(tx: Tx, id: string): Promise<LoadedApproval> {
  await tx.$queryRaw`SELECT "id" FROM "ApprovalRequest" WHERE "id" = ${id} FOR UPDATE`;
  const request = await tx.approvalRequest.findUnique({ where: { id }, include: { decisions: { orderBy: { at: "asc" } } } });
  if (!request) throw domainError("NOT_FOUND");
  return request;
}

/** The common part of every approval event: which action, the agreed payload's hash, who asked. */
export function approvalStep(r: Pick<ApprovalRequest, "kind" | "payloadSha256" | "requestedById">) {
  return { kind: r.kind, payloadSha256: r.payloadSha256, requestedById: r.requestedById };
}
