// A fresh, migrated, empty database per call: in-memory PGlite (TEST_DB=pglite, the default) or
// a newly created database on the server at TEST_POSTGRES_URL (TEST_DB=postgres), dropped again
// on close. Both start from the copy the run's globalSetup migrated once
// (tests/setup/integration-databases.ts); openDatabase still checks the migrations on each.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { inject } from "vitest";
import { openDatabase, type Database } from "@/db/open";
import { adminQuery, withDatabase } from "./postgres-admin";

export type { Database } from "@/db/open";

export function testDbKind(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export async function openTestDb(): Promise<Database> {
  if (testDbKind() === "pglite") return openDatabase({ dataDir: "memory://", loadDataDir: pgliteImage(), onWarning: () => undefined });
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_DB=postgres needs TEST_POSTGRES_URL (a server URL whose user may CREATE DATABASE)");
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  const template = inject("postgresTemplate");
  await adminQuery(base, `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  const url = withDatabase(base, name);
  let db: Database;
  try {
    db = await openDatabase({ databaseUrl: url, onWarning: () => undefined });
  } catch (error) {
    await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  return {
    ...db,
    close: async () => {
      await db.close();
      await adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** The URL of a freshly created, empty (unmigrated) PostgreSQL database, and its dropper. */
export async function createEmptyPostgresDb(): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
  return { url: withDatabase(base, name), drop: () => adminQuery(base, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

// Read once per worker: each database gets its own copy inside PGlite, the tar itself is not changed.
let image: { file: string; blob: Blob } | undefined;
function pgliteImage(): Blob | undefined {
  const file = inject("pgliteImage");
  if (!file) return undefined;
  if (image?.file !== file) image = { file, blob: new Blob([readFileSync(file)]) };
  return image.blob;
}
