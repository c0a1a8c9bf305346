// schema.prisma and prisma/migrations must describe the same database.
// 1. Prisma's own diff from the migrations (replayed on a shadow PGlite) to schema.prisma is empty.
// 2. The catalog built by the migrations equals the catalog Prisma builds from schema.prisma,
//    plus exactly the raw-SQL extras listed in src/db/raw-sql-extras.ts (Prisma's diff ignores
//    triggers and expression indexes, so an undocumented one would otherwise slip through).
// Uses the tool package tools/prisma-migrate (Prisma 6.19, offline); installs it if missing.
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { pgliteConnection } from "@/db/connections";
import { applyMigrations } from "@/db/migrations";
import { RAW_SQL_EXTRAS } from "@/db/raw-sql-extras";
import { diffEmptyTo, diffMigrationsTo, ensureInstalled, isEmptyDiff, schemaPath } from "../../../tools/prisma-migrate/prisma-diff.mjs";
import { testDbKind } from "../support/test-db";

let toolError: string | undefined;
let tmp: string;
let fromMigrations: Promise<string>;
let fromEmpty: Promise<string>;
let withExtraField: Promise<string>;

async function catalog(db: PGlite) {
  const q = async (sql: string) => (await db.query<Record<string, unknown>>(sql)).rows.map((r) => JSON.stringify(Object.values(r)));
  return {
    columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision, datetime_precision
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1, 2`),
    indexes: await q(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1`),
    constraints: await q(`SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
    enums: await q(`SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
      GROUP BY t.typname ORDER BY 1`),
    triggers: await q(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1`),
    functions: await q(`SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1`),
    unlogged: await q(`SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relpersistence = 'u' ORDER BY 1`),
  };
}

const names = (rows: string[]) => rows.map((r) => (JSON.parse(r) as string[])[0]);

describe.skipIf(testDbKind() !== "pglite")("schema.prisma vs prisma/migrations", () => {
  beforeAll(async () => {
    try {
      ensureInstalled({ quiet: true });
    } catch (error) {
      toolError = String(error);
      console.warn(`\n!!! SCHEMA DRIFT CHECK SKIPPED: tools/prisma-migrate cannot be installed !!!\n${toolError}\n`);
      return;
    }
    tmp = await mkdtemp(path.join(os.tmpdir(), "drift-"));
    // A schema with one extra column: the check must notice it (proves it can fail).
    const changed = (await readFile(schemaPath, "utf8")).replace(/model AppSetting \{/, "model AppSetting {\n  driftProbe String?");
    const changedPath = path.join(tmp, "schema.prisma");
    await writeFile(changedPath, changed);
    // The three Prisma runs are independent; start them together.
    fromMigrations = diffMigrationsTo();
    fromEmpty = diffEmptyTo();
    withExtraField = diffMigrationsTo(changedPath);
    await Promise.allSettled([fromMigrations, fromEmpty, withExtraField]);
  }, 300_000);

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("Prisma finds nothing to migrate between the migrations and schema.prisma", async (ctx) => {
    if (toolError) ctx.skip();
    const sql = await fromMigrations;
    expect(isEmptyDiff(sql), `schema.prisma has changes without a migration; run npm run db:migration -- <name>:\n${sql}`).toBe(true);
  });

  it("notices a column added to schema.prisma without a migration", async (ctx) => {
    if (toolError) ctx.skip();
    const sql = await withExtraField;
    expect(isEmptyDiff(sql)).toBe(false);
    expect(sql).toMatch(/ALTER TABLE "AppSetting" ADD COLUMN\s+"driftProbe" TEXT/);
  });

  it("builds the same catalog as schema.prisma, plus exactly the documented raw-SQL extras", async (ctx) => {
    if (toolError) ctx.skip();
    // The migrations' catalog: this run's image (tests/setup/integration-databases.ts built it with the
    // same applyMigrations on a fresh PGlite), not a second initdb and replay (~5 s of CPU); applyMigrations
    // still runs on it, so a migration the image lacked would be applied here, not missed.
    const image = inject("pgliteImage");
    const migrated = await PGlite.create(image ? { loadDataDir: new Blob([readFileSync(image)]) } : undefined);
    const generated = await PGlite.create();
    try {
      await applyMigrations(pgliteConnection(migrated), { onWarning: () => undefined });
      await generated.exec(await fromEmpty);
      const a = await catalog(migrated);
      const b = await catalog(generated);

      expect(a.columns).toEqual(b.columns);
      const extra = (kind: string) => RAW_SQL_EXTRAS.filter((x) => x.kind === kind).map((x) => x.name).sort();
      const minus = (x: string[], y: string[]) => x.filter((r) => !y.includes(r));
      expect(minus(b.constraints, a.constraints), "constraints in schema.prisma missing from the migrations").toEqual([]);
      const constraintName = (row: string) => (JSON.parse(row) as string[])[1];
      expect(minus(a.constraints, b.constraints).map(constraintName).sort()).toEqual(extra("check"));
      expect(a.enums).toEqual(b.enums);
      expect(minus(b.indexes, a.indexes), "indexes in schema.prisma missing from the migrations").toEqual([]);
      expect(names(minus(a.indexes, b.indexes)).sort()).toEqual(extra("index"));
      expect(b.triggers).toEqual([]);
      expect(names(a.triggers).sort()).toEqual(extra("trigger"));
      expect(b.functions).toEqual([]);
      expect(names(a.functions).sort()).toEqual(extra("function"));
      expect(b.unlogged).toEqual([]);
      expect(names(a.unlogged).sort()).toEqual(extra("unlogged"));
    } finally {
      await migrated.close();
      await generated.close();
    }
  });
});
