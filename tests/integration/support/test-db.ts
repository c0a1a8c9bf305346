// A fresh, migrated, empty database per call: in-memory PGlite (TEST_DB=pglite, the default) or
// a newly created database on the server at TEST_POSTGRES_URL (TEST_DB=postgres), dropped again
// on close.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDatabase, type Database } from "@/db/open";

export type { Database } from "@/db/open";

export function testDbKind(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export async function openTestDb(): Promise<Database> {
  if (testDbKind() === "pglite") return openDatabase({ dataDir: "memory://", onWarning: () => undefined });
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_DB=postgres needs TEST_POSTGRES_URL (a server URL whose user may CREATE DATABASE)");
  const name = `test_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  await adminQuery(base, `CREATE DATABASE "${name}"`);
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

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
