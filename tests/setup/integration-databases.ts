// Vitest globalSetup of the integration projects: the migrations are applied once per run, not once
// per test database. Creating and migrating an in-memory PGlite costs ~4-5 s of CPU (mostly initdb
// inside the WebAssembly build); loading a data directory already migrated costs ~1.5 s. On
// PostgreSQL a migrated template database is copied by CREATE DATABASE … TEMPLATE.
// openTestDb (tests/integration/support/test-db.ts) reads what this provides; it still runs the
// migration check on every database it opens, so a stale image would be caught, not trusted.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { pgliteConnection, pgConnection } from "../../src/db/connections";
import { applyMigrations } from "../../src/db/migrations";
import { adminQuery, withDatabase } from "../integration/support/postgres-admin";

declare module "vitest" {
  export interface ProvidedContext {
    /** A tar of a migrated PGlite data directory (dumpDataDir), or "" when this project is not on PGlite. */
    pgliteImage: string;
    /** A migrated PostgreSQL database to copy, or "" when this project is not on PostgreSQL. */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = project.config.env ?? {};
  project.provide("pgliteImage", "");
  project.provide("postgresTemplate", "");
  if (env.TEST_DB === "postgres") return postgresTemplate(project, String(env.TEST_POSTGRES_URL ?? ""));
  return pgliteImage(project);
}

async function pgliteImage(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "portal-pglite-image-"));
  const db = await PGlite.create();
  try {
    await applyMigrations(pgliteConnection(db), { onWarning: () => undefined });
    // Uncompressed: loading a gzip'd image costs more CPU than reading 40 MB from the page cache.
    const image = await db.dumpDataDir("none");
    const file = path.join(dir, "migrated.tar");
    writeFileSync(file, Buffer.from(await image.arrayBuffer()));
    project.provide("pgliteImage", file);
  } finally {
    await db.close();
  }
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function postgresTemplate(project: TestProject, base: string): Promise<() => Promise<void>> {
  if (!base) return async () => undefined;
  const name = `test_template_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  const drop = () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  try {
    const client = new pg.Client({ connectionString: withDatabase(base, name) });
    await client.connect();
    try {
      await applyMigrations(pgConnection(client), { onWarning: () => undefined });
    } finally {
      // A template may have no session open while it is copied.
      await client.end();
    }
  } catch (error) {
    await drop();
    throw error;
  }
  project.provide("postgresTemplate", name);
  return drop;
}
