import { caOf } from "@/server/ca-service/wire-context";
import { readSettings } from "@/config/settings";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { fixedClock } from "@/server/core/context";
import { defaultJobs } from "@/server/jobs/default-jobs";
import { listJobStatus } from "@/server/jobs/list-job-status";
import { runExclusively } from "@/server/core/job-lease";
import { startScheduler, type ScheduledJob } from "@/server/jobs/scheduler";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
const clock = fixedClock(new Date("2026-03-02T02:00:00Z"));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

describe("job lease", () => {
  it("two runs of one job at once: exactly one runs, and its run is recorded with its outcome", async () => {
    let calls = 0;
    const work = async () => {
      calls += 1;
      await sleep(150);
      return { processed: 3, ids: ["a", "b", "c"] };
    };
    const [a, b] = await Promise.all([
      runExclusively(db.prisma, clock, { job: "test.exclusive", leaseMs: 60_000 }, work),
      runExclusively(db.prisma, clock, { job: "test.exclusive", leaseMs: 60_000 }, work),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(calls).toBe(1);
    const runs = await db.prisma.sweepRun.findMany({ where: { job: "test.exclusive" } });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ ok: true, outcome: { processed: 3, ids: ["a", "b", "c"] } });
    expect(runs[0]!.startedAt).toEqual(clock.now());
    expect(runs[0]!.finishedAt).not.toBeNull();
    const lease = await db.prisma.jobLease.findUniqueOrThrow({ where: { name: "test.exclusive" } });
    expect(lease).toMatchObject({ holder: null, leasedUntil: null, lastError: null });
    // Released: the next run goes ahead.
    expect((await runExclusively(db.prisma, clock, { job: "test.exclusive", leaseMs: 60_000 }, work)).ran).toBe(true);
  });

  it("records a failure (ok false, the error) and releases the lease", async () => {
    await expect(
      runExclusively(db.prisma, clock, { job: "test.failing", leaseMs: 60_000 }, async () => {
        throw new TypeError("boom");
      }),
    ).rejects.toThrow("boom");
    const run = await db.prisma.sweepRun.findFirstOrThrow({ where: { job: "test.failing" } });
    expect(run).toMatchObject({ ok: false, outcome: { error: "TypeError: boom" } });
    expect(await db.prisma.jobLease.findUniqueOrThrow({ where: { name: "test.failing" } })).toMatchObject({ holder: null, lastError: "TypeError: boom" });
    expect((await runExclusively(db.prisma, clock, { job: "test.failing", leaseMs: 60_000 }, async () => ({ ok: 1 }))).ran).toBe(true);
  });

  it("a lease held by a crashed instance blocks until it expires, then another instance takes over", async () => {
    await db.prisma.jobLease.create({ data: { name: "test.crashed", holder: "dead-instance", leasedUntil: new Date(clock.now().getTime() + 60_000) } });
    expect((await runExclusively(db.prisma, clock, { job: "test.crashed", leaseMs: 60_000 }, async () => ({}))).ran).toBe(false);
    clock.advance(60_001);
    expect((await runExclusively(db.prisma, clock, { job: "test.crashed", leaseMs: 60_000 }, async () => ({}))).ran).toBe(true);
  });
});

describe("scheduler", () => {
  it("runs each job at its interval, never overlapping itself, and stops cleanly", async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const job: ScheduledJob = {
      name: "test.ticking",
      intervalMs: 40,
      locking: { by: "scheduler", leaseMs: 60_000 },
      run: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(60);
        running -= 1;
        runs += 1;
        return { n: runs };
      },
    };
    const s = startScheduler({ db: db.prisma, clock, jobs: [job], settings: readSettings({}), initialDelayMs: 5 });
    expect(s.enabled).toBe(true);
    await sleep(600);
    await s.stop();
    const after = runs;
    expect(after).toBeGreaterThanOrEqual(3);
    expect(maxRunning).toBe(1);
    expect(running).toBe(0);
    await sleep(150);
    expect(runs).toBe(after);
    expect(await db.prisma.sweepRun.count({ where: { job: "test.ticking", ok: true } })).toBe(after);
  });

  it("SCHEDULER_DISABLED=1 schedules nothing; runNow still works", async () => {
    let runs = 0;
    const job: ScheduledJob = { name: "test.disabled", intervalMs: 10, locking: { by: "scheduler", leaseMs: 60_000 }, run: async () => ({ n: ++runs }) };
    const s = startScheduler({ db: db.prisma, clock, jobs: [job], settings: readSettings({ SCHEDULER_DISABLED: "1" }), initialDelayMs: 1 });
    expect(s.enabled).toBe(false);
    await sleep(100);
    expect(runs).toBe(0);
    expect(await s.runNow("test.disabled")).toMatchObject({ job: "test.disabled", ran: true, outcome: { n: 1 } });
    await expect(s.runNow("nope")).rejects.toThrow("unknown job");
    await s.stop();
  });

  it("two instances (two schedulers on one database) running the same job at once: one runs", async () => {
    let calls = 0;
    const job: ScheduledJob = {
      name: "test.two-instances",
      intervalMs: 60_000,
      locking: { by: "scheduler", leaseMs: 60_000 },
      run: async () => {
        calls += 1;
        await sleep(100);
        return { calls };
      },
    };
    const one = startScheduler({ db: db.prisma, clock, jobs: [job], settings: readSettings({ SCHEDULER_DISABLED: "1" }) });
    const two = startScheduler({ db: db.prisma, clock, jobs: [job], settings: readSettings({ SCHEDULER_DISABLED: "1" }) });
    const reports = await Promise.all([one.runNow(job.name), two.runNow(job.name)]);
    expect(reports.map((r) => r.ran).sort()).toEqual([false, true]);
    expect(calls).toBe(1);
    await Promise.all([one.stop(), two.stop()]);
  });

  it("a failing job is logged and recorded, and the scheduler carries on", async () => {
    const s = startScheduler({
      db: db.prisma,
      clock,
      settings: readSettings({ SCHEDULER_DISABLED: "1" }),
      jobs: [{ name: "test.broken", intervalMs: 1000, locking: { by: "scheduler", leaseMs: 60_000 }, run: async () => Promise.reject(new Error("disk full")) }],
    });
    expect(await s.runNow("test.broken")).toMatchObject({ ran: true, error: "Error: disk full" });
    expect(await db.prisma.sweepRun.findFirstOrThrow({ where: { job: "test.broken" } })).toMatchObject({ ok: false });
    await s.stop();
  });

  it("registers the portal's sweeps, and each runs on a fresh database (twice: the second changes nothing)", async () => {
    const jobs = defaultJobs(readSettings({ EXPIRY_REMINDER_DAYS: "14,3" }));
    expect(jobs.map((j) => j.name)).toEqual([
      "certificate.deemed-acceptance",
      "certificate.test-window-reminders",
      "renewal.supersession",
      "revocation.sla-alerts",
      "problem-report.preliminary-alerts",
      "renewal.expiry-reminders",
      "update-notice.deadlines",
      "revocation.batches",
      "ca.crl-refresh",
      "ca.ocsp-refresh",
      "approval.expiry",
      "privacy.retention",
    ]);
    const s = startScheduler({ db: db.prisma, clock, jobs, settings: readSettings({ SCHEDULER_DISABLED: "1" }) });
    for (const round of [1, 2]) {
      for (const j of jobs) {
        const r = await s.runNow(j.name);
        expect(r.error, `${j.name} round ${round}`).toBeUndefined();
        expect(r.ran, `${j.name} round ${round}`).toBe(true);
      }
    }
    await s.stop();
    // The OCSP refresh is per process (each instance's own cache): it leaves no SweepRun record.
    expect(await db.prisma.sweepRun.count({ where: { job: "ca.ocsp-refresh" } })).toBe(0);
    for (const name of ["certificate.deemed-acceptance", "certificate.test-window-reminders", "renewal.supersession", "revocation.sla-alerts", "problem-report.preliminary-alerts", "renewal.expiry-reminders", "update-notice.deadlines", "revocation.batches", "ca.crl-refresh", "approval.expiry", "privacy.retention"]) {
      expect(await db.prisma.sweepRun.count({ where: { job: name, ok: true } }), name).toBe(2);
    }
    expect(await db.prisma.notification.count()).toBe(0);
    expect(defaultJobs(readSettings({ JOB_INTERVAL_SCALE: "0.001" })).every((j) => j.intervalMs >= 1000)).toBe(true);
  });

  it("shows administrators and auditors each job's lease, last error and recent runs; nobody else", async () => {
    const as = (roles: ("CA_ADMIN" | "AUDITOR" | "RA_OFFICER" | "SUBSCRIBER")[]) => ({ db: db.prisma, ca: caOf(db.prisma), clock, actor: { userId: "00000000-0000-4000-8000-000000000001", roles }, meta: {} });
    const status = await listJobStatus(as(["AUDITOR"]), { recentRuns: 2 });
    const failing = status.find((s) => s.job === "test.failing")!;
    expect(failing).toMatchObject({ running: false, lastError: null });
    // Both runs started at the same test-clock instant: order between them is not defined.
    expect(failing.recentRuns.map((r) => String(r.ok)).sort()).toEqual(["false", "true"]);
    expect(status.find((s) => s.job === "renewal.expiry-reminders")!.recentRuns).toHaveLength(2);
    await expect(listJobStatus(as(["CA_ADMIN"]), {})).resolves.toBeInstanceOf(Array);
    await expect(listJobStatus(as(["RA_OFFICER", "SUBSCRIBER"]), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("leaves the audit chain valid", async () => {
    expect(await verifyAuditChain(db.prisma)).toMatchObject({ ok: true });
  });
});
