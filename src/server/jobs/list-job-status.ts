import { z } from "zod";
import { mayReadJobStatus } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listJobStatusInput = z.object({ recentRuns: z.number().int().min(1).max(50).default(5) });

/**
 * The state of the periodic work for CA administrators and auditors: per job, who holds the
 * lease and until when, the last start, finish and error, and the most recent runs with their
 * outcome counts. A job whose last finish is long ago is one the operators should look at.
 */
export const listJobStatus = defineQuery({
  name: "jobs.status",
  input: listJobStatusInput,
  authorize: mayReadJobStatus,
  async run(ctx, input) {
    const leases = await ctx.db.jobLease.findMany({ orderBy: { name: "asc" } });
    return Promise.all(
      leases.map(async (l) => ({
        job: l.name,
        running: l.leasedUntil !== null && l.leasedUntil.getTime() > ctx.now.getTime(),
        holder: l.holder,
        leasedUntil: l.leasedUntil,
        lastStartedAt: l.lastStartedAt,
        lastFinishedAt: l.lastFinishedAt,
        lastError: l.lastError,
        recentRuns: await ctx.db.sweepRun.findMany({
          where: { job: l.name },
          orderBy: { startedAt: "desc" },
          take: input.recentRuns,
          select: { id: true, startedAt: true, finishedAt: true, ok: true, outcome: true },
        }),
      })),
    );
  },
});
