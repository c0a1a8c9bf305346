// The health check reads the migration folder only until it has seen every migration applied;
// after that a call only probes the database (issue 16: no file I/O per call).
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseHealth, type HealthMemo } from "@/server/bootstrap/health";
import { openTestDb, type Database } from "../support/test-db";

let db: Database;
let tmp: string;

beforeAll(async () => {
  db = await openTestDb();
  tmp = await mkdtemp(path.join(os.tmpdir(), "health-"));
});

afterAll(async () => {
  await db.close();
  await rm(tmp, { recursive: true, force: true });
});

describe("databaseHealth", () => {
  it("reads the migration folder once: after all are applied, a missing folder changes nothing", async () => {
    const dir = path.join(tmp, "current");
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    const memo: HealthMemo = { migrationsApplied: null };
    const first = await databaseHealth(db, memo, { migrationsDir: dir });
    expect(first.ok).toBe(true);
    expect(first.migrations?.pending).toBe(0);
    expect(first.migrations!.applied).toBeGreaterThan(0);
    expect(memo.migrationsApplied).toBe(first.migrations!.applied);

    // Were the folder read again, this call would fail (ENOENT) instead of answering the same.
    await rm(dir, { recursive: true, force: true });
    const second = await databaseHealth(db, memo, { migrationsDir: dir });
    expect(second).toEqual(first);
  });

  it("keeps reading while a migration is pending, and reports it", async () => {
    const dir = path.join(tmp, "ahead");
    await cp(path.resolve("prisma/migrations"), dir, { recursive: true });
    await mkdir(path.join(dir, "99999999999999_not_applied"));
    await writeFile(path.join(dir, "99999999999999_not_applied", "migration.sql"), "SELECT 1;");
    const memo: HealthMemo = { migrationsApplied: null };
    const health = await databaseHealth(db, memo, { migrationsDir: dir });
    expect(health).toMatchObject({ status: "error", ok: false, migrations: { pending: 1 } });
    expect(memo.migrationsApplied).toBeNull();
    await rm(path.join(dir, "99999999999999_not_applied"), { recursive: true });
    expect((await databaseHealth(db, memo, { migrationsDir: dir })).ok).toBe(true);
  });

  it("still probes the database once the migrations are known: a closed database is not healthy", async () => {
    const other = await openTestDb();
    const memo: HealthMemo = { migrationsApplied: 1 };
    expect((await databaseHealth(other, memo)).ok).toBe(true);
    await other.close();
    await expect(databaseHealth(other, memo)).rejects.toThrow();
  });
});
