import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Clock } from "@/server/core/context";

/**
 * Why a lease row and not a PostgreSQL advisory lock:
 * - a session lock (pg_try_advisory_lock) belongs to one connection, but Prisma's pool gives the
 *   unlock to whichever connection is free, so it may never be released;
 * - a transaction lock (pg_try_advisory_xact_lock) holds one transaction open for the whole
 *   sweep; on PGlite there is only one connection, so every request would queue behind the
 *   sweep, and Prisma's interactive-transaction timeout caps how long a sweep may run;
 * - the row survives a crash only until `leasedUntil`, is visible to the admin view (holder,
 *   last start, last error) and works the same on PGlite and PostgreSQL: taking it is one
 *   conditional UPDATE, which PostgreSQL serialises on the row, so of two instances starting at
 *   once exactly one sees its update count as 1.
 * The sweeps keep their work in short transactions of their own and are idempotent, so a lease
 * that expires under a very slow run costs at most a repeated, harmless pass.
 */
export interface ExclusiveRunOptions {
  /** The JobLease row name, e.g. "renewal.expiry-reminders". */
  job: string;
  /** How long the lease holds without renewal; it is renewed every third of it while running. */
  leaseMs: number;
  /** Identifies this run's holder; a fresh id by default. */
  holder?: string;
}

export type ExclusiveRun<T> = { ran: false } | { ran: true; runId: string; result: T };

/** Counts and ids a job reports; stored in SweepRun.outcome. */
export type JobOutcome = Record<string, unknown>;

/**
 * Runs `work` on at most one instance at a time and records the run in SweepRun (start, finish,
 * ok, outcome counts or error). Returns { ran: false } without touching SweepRun when another
 * holder has the lease. A failing run is recorded (ok: false, outcome.error) and rethrown.
 */
export async function runExclusively<T>(
  db: PrismaClient,
  clock: Clock,
  opts: ExclusiveRunOptions,
  work: () => Promise<T>,
  outcomeOf: (result: T) => JobOutcome = (r) => (typeof r === "object" && r !== null ? { ...(r as Record<string, unknown>) } : { result: r ?? null }),
): Promise<ExclusiveRun<T>> {
  const holder = opts.holder ?? randomUUID();
  const startedAt = clock.now();
  if (!(await takeLease(db, opts.job, holder, startedAt, opts.leaseMs))) return { ran: false };

  const run = await db.sweepRun.create({ data: { job: opts.job, startedAt }, select: { id: true } });
  // Keeps the lease while a long run works; stops with the run.
  const renewal = setInterval(() => {
    void db.jobLease
      .updateMany({ where: { name: opts.job, holder }, data: { leasedUntil: new Date(clock.now().getTime() + opts.leaseMs) } })
      .catch(() => undefined);
  }, Math.max(1_000, Math.floor(opts.leaseMs / 3)));
  renewal.unref();
  try {
    const result = await work();
    clearInterval(renewal);
    const finishedAt = clock.now();
    await db.sweepRun.update({ where: { id: run.id }, data: { finishedAt, ok: true, outcome: toJson(outcomeOf(result)) } });
    await db.jobLease.updateMany({ where: { name: opts.job, holder }, data: { holder: null, leasedUntil: null, lastFinishedAt: finishedAt, lastError: null } });
    return { ran: true, runId: run.id, result };
  } catch (e) {
    clearInterval(renewal);
    // Class and message only: enough to act on, nothing from the rows the job touched.
    const error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : "unknown error";
    const finishedAt = clock.now();
    await db.sweepRun.update({ where: { id: run.id }, data: { finishedAt, ok: false, outcome: { error } } });
    await db.jobLease.updateMany({ where: { name: opts.job, holder }, data: { holder: null, leasedUntil: null, lastFinishedAt: finishedAt, lastError: error } });
    throw e;
  }
}

/** Free or expired -> ours, in one conditional UPDATE; true when this holder got it. */
export async function takeLease(db: PrismaClient, job: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  await db.jobLease.createMany({ data: [{ name: job }], skipDuplicates: true });
  const taken = await db.jobLease.updateMany({
    where: { name: job, OR: [{ leasedUntil: null }, { leasedUntil: { lte: now } }] },
    data: { holder, leasedUntil: new Date(now.getTime() + leaseMs), lastStartedAt: now },
  });
  return taken.count === 1;
}

function toJson(outcome: JobOutcome): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(outcome, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}
