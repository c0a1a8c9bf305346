import type { PrismaClient } from "@/generated/prisma/client";
import { type Clock, defineSystemTask, runExclusively } from "@/server/core";
import { approvalStep, lockApproval } from "./internal/load-request";

export const APPROVAL_EXPIRY_JOB = "approval.expiry";
export const APPROVAL_EXPIRY_INTERVAL_MS = 5 * 60_000;
const LEASE_MS = 10 * 60_000;

/**
 * Marks pending requests past their expiry EXPIRED, each audited. The mark is bookkeeping: the
 * rule itself reads the instant (domain approvalExpired), so a request not yet swept is refused
 * all the same. Returns null when another instance holds the lease.
 */
export async function sweepExpiredApprovals(db: PrismaClient, clock: Clock): Promise<{ expired: string[] } | null> {
  const run = await runExclusively(db, clock, { job: APPROVAL_EXPIRY_JOB, leaseMs: LEASE_MS }, async () => {
    const due = await db.approvalRequest.findMany({ where: { status: "PENDING", expiresAt: { lte: clock.now() } }, select: { id: true }, orderBy: { expiresAt: "asc" } });
    const expired: string[] = [];
    for (const r of due) if (await expireApproval({ db, clock }, r.id)) expired.push(r.id);
    return { expired };
  });
  return run.ran ? run.result : null;
}

const expireApproval = defineSystemTask({
  name: "approval.expire",
  async run(s, requestId: string): Promise<boolean> {
    const r = await lockApproval(s.tx, requestId);
    if (r.status !== "PENDING" || r.expiresAt.getTime() > s.now.getTime()) {
      s.nothingToRecord();
      return false;
    }
    await s.tx.approvalRequest.update({ where: { id: r.id }, data: { status: "EXPIRED", decidedAt: s.now } });
    s.audit({ action: "approval.expired", subjectType: "ApprovalRequest", subjectId: r.id, summary: { ...approvalStep(r), expiresAt: r.expiresAt.toISOString() } });
    return true;
  },
});
