// The runner must leave exactly the bookkeeping Prisma Migrate leaves, apply each migration once,
// and roll a failing migration back completely.
import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pgConnection, pgliteConnection } from "@/db/connections";
import { applyMigrations, migrationState, MigrationError, type MigrationConnection } from "@/db/migrations";
import { openDatabase } from "@/db/open";
import { createEmptyPostgresDb, testDbKind } from "../support/test-db";

const MIGRATIONS = path.resolve("prisma/migrations");

async function localMigrations(): Promise<{ name: string; sha256: string }[]> {
  const names = (await readdir(MIGRATIONS, { withFileTypes: true }))
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      sha256: createHash("sha256").update(await readFile(path.join(MIGRATIONS, name, "migration.sql"))).digest("hex"),
    })),
  );
}

interface PrismaRow extends Record<string, unknown> {
  id: string;
  checksum: string;
  finished_at: Date | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: Date | null;
  started_at: Date;
  applied_steps_count: number;
}

/** A fresh empty database of the kind under test, as a raw single-session connection. */
async function emptyConnection(): Promise<{ conn: MigrationConnection; close(): Promise<void> }> {
  if (testDbKind() === "pglite") {
    const lite = await PGlite.create();
    return { conn: pgliteConnection(lite), close: () => lite.close() };
  }
  const empty = await createEmptyPostgresDb();
  const client = new pg.Client({ connectionString: empty.url });
  await client.connect();
  return {
    conn: pgConnection(client),
    close: async () => {
      await client.end();
      await empty.drop();
    },
  };
}

const quiet = { onWarning: () => undefined };
let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), "db-migrations-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("migration runner", () => {
  it("records every migration like Prisma does and applies nothing the second time", async () => {
    const { conn, close } = await emptyConnection();
    try {
      const expected = await localMigrations();
      expect(expected.length).toBeGreaterThan(0);
      expect(await migrationState(conn)).toEqual({ applied: [], pending: expected.map((m) => m.name) });

      const first = await applyMigrations(conn, quiet);
      expect(first.applied).toEqual(expected.map((m) => m.name));

      const columns = await conn.query<{ column_name: string; data_type: string; is_nullable: string }>(
        `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      );
      expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
        ["id", "character varying", "NO"],
        ["checksum", "character varying", "NO"],
        ["finished_at", "timestamp with time zone", "YES"],
        ["migration_name", "character varying", "NO"],
        ["logs", "text", "YES"],
        ["rolled_back_at", "timestamp with time zone", "YES"],
        ["started_at", "timestamp with time zone", "NO"],
        ["applied_steps_count", "integer", "NO"],
      ]);

      const rows = await conn.query<PrismaRow>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(expected.map((m) => [m.name, m.sha256]));
      for (const row of rows) {
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(row.applied_steps_count).toBe(1);
        expect(row.logs).toBeNull();
        expect(row.rolled_back_at).toBeNull();
        expect(row.finished_at).not.toBeNull();
        expect(new Date(row.finished_at!).getTime()).toBeGreaterThanOrEqual(new Date(row.started_at).getTime());
      }

      expect((await applyMigrations(conn, quiet)).applied).toEqual([]);
      expect(await conn.query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`)).toEqual([{ n: expected.length }]);
      expect(await migrationState(conn)).toEqual({ applied: expected.map((m) => m.name), pending: [] });
    } finally {
      await close();
    }
  });

  it("rolls a failing migration back completely and names it in the error", async () => {
    const dir = path.join(tmp, "with-bad");
    await cp(MIGRATIONS, dir, { recursive: true });
    await mkdir(path.join(dir, "29990101000000_bad"));
    await writeFile(
      path.join(dir, "29990101000000_bad", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INTEGER);\nALTER TABLE "User" ADD COLUMN "halfDone" TEXT;\nSELECT 1 / 0;\n`,
    );
    const { conn, close } = await emptyConnection();
    try {
      const error = await applyMigrations(conn, { ...quiet, migrationsDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe("29990101000000_bad");
      expect((error as Error).message).toMatch(/29990101000000_bad failed and was rolled back.*division by zero/);

      expect(await conn.query(`SELECT to_regclass('"HalfDone"')::text AS t`)).toEqual([{ t: null }]);
      expect(await conn.query(`SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'User' AND column_name = 'halfDone'`)).toEqual([{ n: 0 }]);
      const state = await migrationState(conn, { migrationsDir: dir });
      expect(state.pending).toEqual(["29990101000000_bad"]);
      expect(state.applied).toEqual((await localMigrations()).map((m) => m.name));
      expect(await conn.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = '29990101000000_bad'`)).toEqual([{ n: 0 }]);

      // Fixed, it applies on the next start.
      await writeFile(path.join(dir, "29990101000000_bad", "migration.sql"), `CREATE TABLE "HalfDone" ("id" INTEGER);\n`);
      expect((await applyMigrations(conn, { ...quiet, migrationsDir: dir })).applied).toEqual(["29990101000000_bad"]);
    } finally {
      await close();
    }
  });

  it("refuses to start over a failed migration row left by Prisma itself", async () => {
    const { conn, close } = await emptyConnection();
    try {
      await applyMigrations(conn, quiet);
      await conn.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, logs, applied_steps_count) VALUES ('00000000-0000-4000-8000-000000000000', 'x', 'elsewhere_failed', 'boom', 0)`,
      );
      await expect(applyMigrations(conn, quiet)).rejects.toThrow(/failed migration\(s\) elsewhere_failed/);
    } finally {
      await close();
    }
  });

  it.skipIf(testDbKind() !== "postgres")("lets instances start together on PostgreSQL: each migration runs once", async () => {
    const empty = await createEmptyPostgresDb();
    try {
      const dbs = await Promise.all(Array.from({ length: 4 }, () => openDatabase({ databaseUrl: empty.url, ...quiet })));
      try {
        const rows = await dbs[0]!.prisma.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM "_prisma_migrations"`);
        expect(rows.map((r) => r.migration_name).sort()).toEqual((await localMigrations()).map((m) => m.name));
      } finally {
        await Promise.all(dbs.map((d) => d.close()));
      }
    } finally {
      await empty.drop();
    }
  });
});

describe.skipIf(testDbKind() !== "pglite")("PGlite on disk", () => {
  it("keeps data and migration records across close and reopen", async () => {
    const dataDir = path.join(tmp, "reopen");
    const first = await openDatabase({ dataDir, ...quiet });
    await first.prisma.appSetting.create({ data: { key: "k", value: { v: 1 } } });
    const before = await first.prisma.$queryRawUnsafe<PrismaRow[]>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    await first.close();

    const second = await openDatabase({ dataDir, ...quiet });
    try {
      expect((await second.prisma.appSetting.findUniqueOrThrow({ where: { key: "k" } })).value).toEqual({ v: 1 });
      const after = await second.prisma.$queryRawUnsafe<PrismaRow[]>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(after).toEqual(before);
    } finally {
      await second.close();
    }
  });
});
