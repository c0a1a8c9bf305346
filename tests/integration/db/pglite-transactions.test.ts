// PGlite is a single connection. Interactive transactions from parallel requests must queue
// behind each other: no interleaving (no lost update), no deadlock, and a rollback in one must
// not touch the others or queries made outside any transaction.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKind, type Database } from "../support/test-db";

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

describe.skipIf(testDbKind() !== "pglite")("PGlite: concurrent interactive transactions", () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function counter(key: string): Promise<number> {
    return (await db.prisma.rateLimitBucket.findUniqueOrThrow({ where: { key } })).count;
  }

  async function resetCounter(key: string): Promise<void> {
    const now = new Date();
    await db.prisma.rateLimitBucket.upsert({
      where: { key },
      create: { key, count: 0, windowStart: now, expiresAt: now },
      update: { count: 0 },
    });
  }

  it("serialises 20 read-modify-write transactions without lost updates", async () => {
    await resetCounter("c20");
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.prisma.$transaction(async (tx) => {
          const row = await tx.rateLimitBucket.findUniqueOrThrow({ where: { key: "c20" } });
          await tick();
          await tx.rateLimitBucket.update({ where: { key: "c20" }, data: { count: row.count + 1 } });
        }),
      ),
    );
    expect(await counter("c20")).toBe(20);
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("rolls back the one that throws midway and keeps the others", async () => {
    await resetCounter("c-throw");
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        db.prisma.$transaction(async (tx) => {
          const row = await tx.rateLimitBucket.findUniqueOrThrow({ where: { key: "c-throw" } });
          await tx.rateLimitBucket.update({ where: { key: "c-throw" }, data: { count: row.count + 1 } });
          await tick();
          if (i === 4) throw new Error("boom midway");
          return i;
        }),
      ),
    );
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(String((rejected[0] as PromiseRejectedResult).reason)).toContain("boom midway");
    expect(await counter("c-throw")).toBe(9);
  });

  it("does not let a query outside any transaction join (and die with) an open one", async () => {
    await resetCounter("c-outside");
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let inside!: () => void;
    const entered = new Promise<void>((resolve) => (inside = resolve));
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.rateLimitBucket.update({ where: { key: "c-outside" }, data: { count: { increment: 100 } } });
      inside();
      await gate;
      throw new Error("roll me back");
    });
    await entered;
    // Issued while the transaction is open; must run after it and survive its rollback.
    const outside = db.prisma.rateLimitBucket.update({ where: { key: "c-outside" }, data: { count: { increment: 1 } } });
    await tick();
    release();
    await expect(failing).rejects.toThrow("roll me back");
    await outside;
    expect(await counter("c-outside")).toBe(1);
  });

  it("keeps nested writes of a sequential $transaction([...]) atomic under concurrency", async () => {
    await resetCounter("c-batch");
    await Promise.all(
      Array.from({ length: 10 }, () =>
        db.prisma.$transaction([
          db.prisma.rateLimitBucket.update({ where: { key: "c-batch" }, data: { count: { increment: 1 } } }),
          db.prisma.rateLimitBucket.update({ where: { key: "c-batch" }, data: { count: { increment: 1 } } }),
        ]),
      ),
    );
    expect(await counter("c-batch")).toBe(20);
  });
});
