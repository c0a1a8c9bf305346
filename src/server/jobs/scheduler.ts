import type { PrismaClient } from "@/generated/prisma/client";
import { settings, type Settings } from "@/config/settings";
import { type Clock, logger, runExclusively, type JobOutcome } from "@/server/core";

const log = logger.child({ area: "jobs" });

/** One periodic job the scheduler runs. */
export interface ScheduledJob {
  /** Stable name; also the JobLease/SweepRun name when the scheduler takes the lease. */
  name: string;
  intervalMs: number;
  /**
   * "scheduler": the scheduler takes the JobLease `name` for `leaseMs` and records SweepRun.
   * "self": the sweep takes its own lease and records its own run (the certificate and
   * revocation sweeps do), so the scheduler only calls it.
   */
  locking: { by: "scheduler"; leaseMs: number } | { by: "self" };
  run(db: PrismaClient, clock: Clock): Promise<unknown>;
}

export interface Scheduler {
  /** Runs one job now (still leased): for tests and an admin "run now" button. */
  runNow(name: string): Promise<JobRunReport>;
  /** Stops the timers and waits for runs in progress, so the database can be closed after it. */
  stop(): Promise<void>;
  readonly enabled: boolean;
}

export type JobRunReport = { job: string; ran: boolean; outcome?: unknown; error?: string };

export interface SchedulerOptions {
  db: PrismaClient;
  clock: Clock;
  jobs: readonly ScheduledJob[];
  /** Read for SCHEDULER_DISABLED=1; the process's settings by default. */
  settings?: Pick<Settings, "jobs">;
  /** First run after this delay (plus jitter up to the same again); default 15 s. */
  initialDelayMs?: number;
}

/**
 * Runs the periodic jobs inside the server process. Every instance may run a scheduler: the
 * lease lets one instance do each run, the others skip it. One job never overlaps itself in
 * one process. Errors are logged and recorded (SweepRun / JobLease.lastError), and the job is
 * tried again at its next tick. SCHEDULER_DISABLED=1 gives a scheduler that runs nothing on
 * its own (runNow still works), e.g. for instances that should only serve requests.
 */
export function startScheduler(opts: SchedulerOptions): Scheduler {
  const enabled = !(opts.settings ?? settings()).jobs.schedulerDisabled;
  const byName = new Map(opts.jobs.map((j) => [j.name, j]));
  if (byName.size !== opts.jobs.length) throw new Error("startScheduler: job names must be unique");
  const inFlight = new Map<string, Promise<JobRunReport>>();
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  const runOnce = (job: ScheduledJob): Promise<JobRunReport> => {
    const running = inFlight.get(job.name);
    if (running) return running.then(() => ({ job: job.name, ran: false }));
    const p = execute(opts.db, opts.clock, job).finally(() => inFlight.delete(job.name));
    inFlight.set(job.name, p);
    return p;
  };

  if (enabled) {
    const initial = opts.initialDelayMs ?? 15_000;
    for (const job of opts.jobs) {
      const first = setTimeout(() => {
        if (stopped) return;
        void runOnce(job);
        const every = setInterval(() => {
          if (!stopped) void runOnce(job);
        }, job.intervalMs);
        every.unref();
        timers.push(every);
      }, initial + Math.floor(Math.random() * initial));
      first.unref();
      timers.push(first);
    }
    log.info({ jobs: opts.jobs.map((j) => j.name) }, "scheduler started");
  } else {
    log.info("scheduler disabled (SCHEDULER_DISABLED=1)");
  }

  return {
    enabled,
    runNow(name) {
      const job = byName.get(name);
      if (!job) return Promise.reject(new Error(`unknown job: ${name}`));
      return runOnce(job);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.allSettled([...inFlight.values()]);
    },
  };
}

async function execute(db: PrismaClient, clock: Clock, job: ScheduledJob): Promise<JobRunReport> {
  try {
    if (job.locking.by === "scheduler") {
      const r = await runExclusively(db, clock, { job: job.name, leaseMs: job.locking.leaseMs }, () => job.run(db, clock), outcomeOf);
      return r.ran ? { job: job.name, ran: true, outcome: r.result } : { job: job.name, ran: false };
    }
    const outcome = await job.run(db, clock);
    return { job: job.name, ran: ranFlag(outcome), outcome };
  } catch (e) {
    const error = e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 500) : "unknown error";
    log.error({ job: job.name, err: error }, "job failed");
    return { job: job.name, ran: true, error };
  }
}

function outcomeOf(result: unknown): JobOutcome {
  if (typeof result === "object" && result !== null && !Array.isArray(result)) return { ...(result as Record<string, unknown>) };
  return { result: result ?? null };
}

/** Self-locking sweeps say whether they ran as `null` (revocation) or `{ ran: false }` (certificate, privacy). */
function ranFlag(outcome: unknown): boolean {
  if (outcome === null) return false;
  if (typeof outcome === "object" && "ran" in outcome) return (outcome as { ran: unknown }).ran !== false;
  return true;
}
