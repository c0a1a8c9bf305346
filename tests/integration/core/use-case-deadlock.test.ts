import { caOf } from "@/server/ca-service/wire-context";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { fixedClock, type ServiceContext } from "@/server/core/context";
import { defineUseCase } from "@/server/core/use-case";
import type { AuditInput } from "@/server/core/audit";
import { openTestDb, testDbKind } from "../support/test-db";
import type { Database } from "@/db/open";

// Two transactions that lock the same rows in opposite order deadlock on PostgreSQL, which aborts one
// of them (40P01). That is the database protecting itself, not the request's fault: the loser is run
// again once, on a fresh transaction, instead of answering 500. (Seen with two keyCompromise
// revocations of different certificates on one key, whose cascades lock each other's certificate.)
let db: Database;
beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

const ctx = (): ServiceContext => ({
  db: db.prisma,
  ca: caOf(db.prisma),
  clock: fixedClock(new Date("2026-12-03T06:00:00.000Z")),
  actor: { userId: "user-1", roles: ["CA_ADMIN"] },
  meta: { ip: "203.0.113.7", userAgent: "vitest" },
});

/** Resolves once both transactions hold their first row, so each then waits for the other's. */
function barrier(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return async () => {
    if (++arrived === parties) open();
    await opened;
  };
}

describe(`a deadlock between two use cases (${testDbKind()})`, () => {
  it("runs the aborted one again: both commit, each with its one audit event", async () => {
    for (const key of ["deadlock-a", "deadlock-b"]) await db.prisma.appSetting.upsert({ where: { key }, create: { key, value: 0 }, update: { value: 0 } });
    const bothHoldOne = barrier(2);
    let runs = 0;
    const bump = defineUseCase({
      name: "test.bump-two",
      input: z.object({ first: z.string(), second: z.string() }),
      authorize: () => true,
      async run(s, input) {
        runs++;
        await s.tx.$executeRaw`UPDATE "AppSetting" SET value = to_jsonb(coalesce((value #>> '{}')::int, 0) + 1) WHERE key = ${input.first}`;
        // On PGlite (one connection) the two transactions cannot overlap: nothing to wait for.
        if (testDbKind() === "postgres") await Promise.race([bothHoldOne(), new Promise((r) => setTimeout(r, 2_000))]);
        await s.tx.$executeRaw`UPDATE "AppSetting" SET value = to_jsonb(coalesce((value #>> '{}')::int, 0) + 1) WHERE key = ${input.second}`;
        s.audit({ action: "test.bumped", subjectType: "AppSetting", subjectId: input.first, summary: {} } as unknown as AuditInput);
        return input.first;
      },
    });
    const before = await db.prisma.auditEvent.count({ where: { action: "test.bumped" } });
    const results = await Promise.allSettled([bump(ctx(), { first: "deadlock-a", second: "deadlock-b" }), bump(ctx(), { first: "deadlock-b", second: "deadlock-a" })]);
    for (const r of results) if (r.status === "rejected") console.log("DEADLOCK-SHAPE", r.reason?.constructor?.name, r.reason?.code, JSON.stringify(r.reason?.meta), r.reason?.cause?.code, r.reason?.cause?.originalCode, String(r.reason?.message).slice(0, 300));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    const values = await db.prisma.appSetting.findMany({ where: { key: { in: ["deadlock-a", "deadlock-b"] } }, orderBy: { key: "asc" } });
    expect(values.map((v) => Number(v.value))).toEqual([2, 2]);
    expect(await db.prisma.auditEvent.count({ where: { action: "test.bumped" } })).toBe(before + 2);
    if (testDbKind() === "postgres") expect(runs).toBe(3);
  });
});
