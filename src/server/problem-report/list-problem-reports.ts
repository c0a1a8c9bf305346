import { z } from "zod";
import { mayHandleProblemReports } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { reportView } from "./internal/report-view";

export const listProblemReportsInput = z.object({
  /** open: waiting for the preliminary report or the outcome (most urgent first); closed: the latest decided. */
  state: z.enum(["open", "closed"]).default("open"),
});

/**
 * The staff list of problem reports. Every officer sees every report, as with revocation requests
 * (auth README, "RA scoping"): a report concerns an issued certificate and its 24-hour clock must
 * not wait for one RA's officers.
 */
export const listProblemReports = defineQuery({
  name: "problem-report.list",
  input: listProblemReportsInput,
  authorize: mayHandleProblemReports,
  async run(ctx, input) {
    const include = { certificate: { select: { serialHex: true, subjectDn: true, revokedAt: true } } } as const;
    const rows =
      input.state === "open"
        ? await ctx.db.problemReport.findMany({ where: { status: { in: ["RECEIVED", "PRELIMINARY_SENT"] } }, include, orderBy: [{ preliminaryDueAt: "asc" }], take: 300 })
        : await ctx.db.problemReport.findMany({ where: { status: "CLOSED" }, include, orderBy: [{ decidedAt: "desc" }], take: 100 });
    // Running clocks first (least time left), then those waiting for their outcome, oldest first.
    const items = rows.map((r) => reportView(r, ctx.now));
    if (input.state === "open") items.sort((a, b) => (a.clock?.remainingMs ?? Number.POSITIVE_INFINITY) - (b.clock?.remainingMs ?? Number.POSITIVE_INFINITY));
    return { now: ctx.now.toISOString(), items };
  },
});
