// The process-wide database, opened on first use (never at import: `next build` imports route
// modules) and closed on SIGTERM/SIGINT so PGlite checkpoints cleanly.
import { DEFAULT_DATA_DIR, openDatabase, type Database } from "./open";

export type { Database, OpenOptions } from "./open";
export { openDatabase } from "./open";
export { applyMigrations, migrationState, MigrationError } from "./migrations";

let opening: Promise<Database> | undefined;
let hooked = false;

export function getDatabase(): Promise<Database> {
  if (!opening) {
    opening = openDatabase({
      databaseUrl: process.env.DATABASE_URL || undefined,
      dataDir: process.env.DATA_DIR || DEFAULT_DATA_DIR,
    });
    // A failed open must not poison later calls (e.g. PostgreSQL not up yet).
    opening.catch(() => {
      opening = undefined;
    });
    hookShutdown();
  }
  return opening;
}

/** Closes the singleton if it was opened; the next getDatabase() opens it again. */
export async function closeDatabase(): Promise<void> {
  const current = opening;
  opening = undefined;
  if (current) await (await current.catch(() => undefined))?.close();
}

function hookShutdown(): void {
  if (hooked) return;
  hooked = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      closeDatabase()
        .catch((error: unknown) => console.error("[db] close failed", error))
        // Re-raise for the default exit only when nobody else (e.g. Next) handles the signal.
        .finally(() => {
          if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
        });
    });
  }
}
