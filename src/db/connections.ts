// Adapters from the two drivers to the runner's MigrationConnection.
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { MigrationConnection } from "./migrations";

export function pgliteConnection(db: PGlite): MigrationConnection {
  return {
    kind: "pglite",
    exec: async (sql) => {
      await db.exec(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await db.query<T>(sql, params)).rows,
  };
}

/** Needs one session (a pg.Client, not a Pool): the advisory lock belongs to the session. */
export function pgConnection(client: pg.Client): MigrationConnection {
  return {
    kind: "postgres",
    exec: async (sql) => {
      await client.query(sql);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await client.query<T>(sql, params)).rows,
  };
}
