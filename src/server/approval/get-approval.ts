import { z } from "zod";
import type { ApprovalKindName } from "@/domain/approval";
import { isCaAdmin, staffDecisionAnswer, withStaffDecision } from "@/server/auth";
import { defineQuery, domainError } from "@/server/core";
import { approvalViews } from "./internal/approval-view";
import { approvableOf } from "./internal/registry";

/** One request with its summary, decisions and what this administrator may do (conflict of interest included). */
export const getApproval = defineQuery({
  name: "approval.get",
  input: z.object({ id: z.string().uuid() }),
  authorize: isCaAdmin,
  async run(ctx, input) {
    const row = await ctx.db.approvalRequest.findUnique({ where: { id: input.id }, include: { decisions: { orderBy: { at: "asc" } } } });
    if (!row) throw domainError("NOT_FOUND");
    const [view] = await approvalViews(ctx.db, [row], ctx.actor!, ctx.now);
    const entry = approvableOf(row.kind as ApprovalKindName);
    const parsed = entry.input.safeParse(row.payload);
    const kase = entry.parties && parsed.success ? await entry.parties(ctx.db as never, parsed.data) : null;
    if (!kase || !view!.can.approve.ok) return view!;
    return { ...view!, can: withStaffDecision(view!.can, await staffDecisionAnswer(ctx.db, ctx.actor!, kase.parties, ctx.now)) };
  },
});
