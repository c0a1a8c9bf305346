import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Clock } from "@/server/core/context";

export interface LeasedRun<T> {
  ran: boolean;
  result?: T;
}

/**
 * Runs a periodic job on at most one instance at a time: the JobLease row is taken by a single
 * conditional UPDATE (free or expired -> ours), which PostgreSQL serialises on the row, so two
 * instances starting together get exactly one winner. Each run is recorded in SweepRun with its
 * outcome. A crashed holder's lease simply expires; the job itself must be idempotent anyway.
 */
export async function runWithJobLease<T>(
  db: PrismaClient,
  clock: Clock,
  job: string,
  leaseMs: number,
  work: (runId: string) => Promise<T>,
  outcomeOf: (result: T) => Record<string, unknown>,
): Promise<LeasedRun<T>> {
  const holder = randomUUID();
  const startedAt = clock.now();
  await db.jobLease.createMany({ data: [{ name: job }], skipDuplicates: true });
  const taken = await db.jobLease.updateMany({
    where: { name: job, OR: [{ leasedUntil: null }, { leasedUntil: { lte: startedAt } }] },
    data: { holder, leasedUntil: new Date(startedAt.getTime() + leaseMs), lastStartedAt: startedAt },
  });
  if (taken.count !== 1) return { ran: false };
  const run = await db.sweepRun.create({ data: { job, startedAt }, select: { id: true } });
  try {
    const result = await work(run.id);
    const finishedAt = clock.now();
    await db.sweepRun.update({ where: { id: run.id }, data: { finishedAt, ok: true, outcome: outcomeOf(result) as Prisma.InputJsonValue } });
    await db.jobLease.updateMany({ where: { name: job, holder }, data: { holder: null, leasedUntil: null, lastFinishedAt: finishedAt, lastError: null } });
    return { ran: true, result };
  } catch (e) {
    const message = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : "unknown error";
    await db.sweepRun.update({ where: { id: run.id }, data: { finishedAt: clock.now(), ok: false, outcome: { error: message } } });
    await db.jobLease.updateMany({ where: { name: job, holder }, data: { holder: null, leasedUntil: null, lastError: message } });
    throw e;
  }
}
