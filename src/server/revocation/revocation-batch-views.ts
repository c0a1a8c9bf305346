import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineQuery, domainError } from "@/server/core";

const LISTED_FAILURES = 200;

/** The batch revocations, newest first, with their progress (done / total), for the administrator's page. */
export const listRevocationBatches = defineQuery({
  name: "revocation.list-batches",
  input: z.object({ take: z.number().int().min(1).max(100).default(20) }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    const rows = await ctx.db.revocationBatch.findMany({ orderBy: { startedAt: "desc" }, take: input.take });
    return rows.map((b) => ({
      id: b.id,
      status: b.status,
      ground: b.ground,
      reason: b.reason,
      selection: b.selection as { by: string },
      total: b.total,
      done: b.done,
      skipped: b.skipped,
      failed: b.failed,
      /** Items handled so far (revoked, skipped or failed): the progress shown as handled / total. */
      handled: b.done + b.skipped + b.failed,
      approvalId: b.approvalId,
      startedAt: b.startedAt,
      finishedAt: b.finishedAt,
    }));
  },
});

/** One batch: its progress, the explanation, and the certificates that failed with why (the first 200). */
export const getRevocationBatch = defineQuery({
  name: "revocation.get-batch",
  input: z.object({ batchId: z.string().uuid() }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    const b = await ctx.db.revocationBatch.findUnique({ where: { id: input.batchId } });
    if (!b) throw domainError("NOT_FOUND");
    const failures = await ctx.db.revocationBatchItem.findMany({
      where: { batchId: b.id, status: "FAILED" },
      select: { certificateId: true, serialHex: true, failure: true },
      orderBy: { serialHex: "asc" },
      take: LISTED_FAILURES,
    });
    return { ...b, handled: b.done + b.skipped + b.failed, selection: b.selection as Record<string, unknown>, failures };
  },
});
