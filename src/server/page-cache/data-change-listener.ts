import { DATA_CHANGED_CHANNEL, keepListening, noteDataChanged, postgresListenConnector, postgresUrlOf, setDataChangesLive } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { logger } from "@/server/core";

const log = logger.child({ module: "data-change-listener" });

/** Seen by operators in pg_stat_activity (and by the tests that cut the session). */
export const DATA_LISTENER_APPLICATION_NAME = "portal-data-listener";

/**
 * On PostgreSQL, hears the data changes every instance, the CLI and SQL commit (trigger
 * data_changed_notify) on one dedicated session (keepListening, src/db/listening-session.ts), so
 * that this process's page cache stops answering from pages rendered before them. While the
 * session is down the cache is not live (it answers nothing from what it holds) until the session
 * is back. On PGlite, src/db/open.ts listens.
 */
export function listenForDataChanges(db: PrismaClient): { close(): Promise<void> } {
  const url = postgresUrlOf(db);
  if (!url) return { close: async () => {} };
  let failures = 0;
  const session = keepListening({
    connect: postgresListenConnector(url, DATA_CHANGED_CHANNEL, DATA_LISTENER_APPLICATION_NAME),
    onPayload: () => noteDataChanged(),
    onListening() {
      failures = 0;
      // Changes committed before the LISTEN took effect were not heard: live again, as a new version.
      setDataChangesLive(true);
    },
    onNotListening: () => setDataChangesLive(false),
    onError(what, error) {
      // A server that is down fails every attempt: say so once per outage, not every 15 s.
      if (what === "connect" && failures++ > 0) return;
      log.warn({ what, err: error instanceof Error ? error.message : String(error) }, "data-change session lost or not opened; retrying");
    },
  });
  return {
    async close() {
      await session.close();
      setDataChangesLive(false);
    },
  };
}
