import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { approvalViews } from "./internal/approval-view";

const RECENT = 50;

/**
 * The approval console's three lists: what waits for me (pending, not expired, not mine, not
 * decided by me), my own requests, and the recent closed ones (decided, expired, run).
 */
export const listApprovals = defineQuery({
  name: "approval.list",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const me = ctx.actor!.userId;
    const include = { decisions: { orderBy: { at: "asc" as const } } };
    const [waiting, mine, recent] = await Promise.all([
      ctx.db.approvalRequest.findMany({
        where: { status: "PENDING", expiresAt: { gt: ctx.now }, requestedById: { not: me }, decisions: { none: { adminId: me } } },
        include,
        orderBy: { expiresAt: "asc" },
      }),
      ctx.db.approvalRequest.findMany({ where: { requestedById: me }, include, orderBy: { createdAt: "desc" }, take: RECENT }),
      ctx.db.approvalRequest.findMany({
        where: { OR: [{ status: { not: "PENDING" } }, { expiresAt: { lte: ctx.now } }] },
        include,
        orderBy: { createdAt: "desc" },
        take: RECENT,
      }),
    ]);
    const [w, m, r] = await Promise.all([waiting, mine, recent].map((rows) => approvalViews(ctx.db, rows, ctx.actor!, ctx.now)));
    return { waiting: w!, mine: m!, recent: r! };
  },
});

/** How many requests wait for this administrator (the admin home's count). */
export const countApprovalsWaiting = defineQuery({
  name: "approval.count-waiting",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const me = ctx.actor!.userId;
    return ctx.db.approvalRequest.count({ where: { status: "PENDING", expiresAt: { gt: ctx.now }, requestedById: { not: me }, decisions: { none: { adminId: me } } } });
  },
});
