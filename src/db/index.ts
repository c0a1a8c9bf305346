// The process-wide database, opened on first use (never at import: `next build` imports route
// modules) and closed on SIGTERM/SIGINT so PGlite checkpoints cleanly.
import path from "node:path";
import { settings } from "@/config/settings";
import { openDatabase, type Database } from "./open";

export type { Database, OpenOptions } from "./open";
export { openDatabase, postgresUrlOf } from "./open";
export { PREPARED } from "./prepared-statements";
export { applyMigrations, migrationState, MigrationError } from "./migrations";
export { keepListening, postgresListenConnector, reconnectDelayMs, type KeepListeningOptions, type KeptListening, type ListenConnector, type ListenHandlers, type ListenSession } from "./listening-session";
export { DATA_CHANGED_CHANNEL, ANNOUNCED_TABLES, QUIET_TABLES, dataVersion, noteDataChanged, dataChangesLive, setDataChangesLive } from "./data-changes";

// Kept on globalThis, not in module scope: Next bundles instrumentation, route handlers and pages
// into separate chunks, each with its own copy of this module. Module-level state would open one
// PGlite per chunk on the same data folder in one process, and they would not see each other's writes.
const state = ((globalThis as { [key: symbol]: unknown })[Symbol.for("portal.db")] ??= {
  opening: undefined,
  hooked: false,
}) as { opening: Promise<Database> | undefined; hooked: boolean; opened?: Database };

export function getDatabase(): Promise<Database> {
  if (!state.opening) {
    const config = settings();
    const opening = openDatabase({
      databaseUrl: config.databaseUrl,
      // DATA_DIR is the portal's folder (secrets, demo logins, CA keys live beside the database).
      dataDir: path.join(config.dataDir, "pglite"),
    });
    state.opening = opening;
    opening.then(
      (db) => {
        if (state.opening === opening) state.opened = db;
      },
      // A failed open must not poison later calls (e.g. PostgreSQL not up yet).
      () => {
        if (state.opening === opening) state.opening = undefined;
      },
    );
    hookShutdown();
  }
  return state.opening;
}

/**
 * The database getDatabase() would resolve to, when it is open; undefined while it opens or after
 * it closed. For the OCSP hot path, which answers without awaiting anything when it can.
 */
export function openedDatabase(): Database | undefined {
  return state.opening ? state.opened : undefined;
}

/** Closes the singleton if it was opened; the next getDatabase() opens it again. */
export async function closeDatabase(): Promise<void> {
  const current = state.opening;
  state.opening = undefined;
  state.opened = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}

function hookShutdown(): void {
  if (state.hooked) return;
  state.hooked = true;
  let closing = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    const onSignal = () => {
      // A second signal while the database closes must not kill the process half-way through.
      if (closing) return;
      closing = true;
      closeDatabase()
        .catch((error: unknown) => console.error("[db] close failed", error))
        .finally(() => {
          process.removeListener(signal, onSignal);
          // Re-raise for the default exit only when nobody else (e.g. Next) handles the signal.
          if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        });
    };
    process.on(signal, onSignal);
  }
}
