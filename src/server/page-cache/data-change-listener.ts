import pg from "pg";
import { DATA_CHANGED_CHANNEL, noteDataChanged, postgresUrlOf, setDataChangesLive } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { logger } from "@/server/core";

const log = logger.child({ module: "data-change-listener" });

/** Seen by operators in pg_stat_activity (and by the tests that cut the session). */
export const DATA_LISTENER_APPLICATION_NAME = "portal-data-listener";

/** 0.25 s, 0.5 s, 1 s, ... up to 15 s between attempts. */
const delayMs = (attempt: number) => Math.min(15_000, 250 * 2 ** Math.min(attempt, 6));

/**
 * On PostgreSQL, hears the data changes every instance, the CLI and SQL commit (trigger
 * data_changed_notify) on one dedicated session, so that this process's page cache stops answering
 * from pages rendered before them. While the session is down the cache is not live (it answers
 * nothing from what it holds) and it reconnects with backoff. On PGlite, src/db/open.ts listens.
 */
export function listenForDataChanges(db: PrismaClient): { close(): Promise<void> } {
  const url = postgresUrlOf(db);
  if (!url) return { close: async () => {} };
  let closed = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (attempt: number): Promise<void> => {
    if (closed) return;
    const c = new pg.Client({ connectionString: url, application_name: DATA_LISTENER_APPLICATION_NAME, keepAlive: true });
    let lost = false;
    const onLost = (error?: unknown) => {
      if (lost) return;
      lost = true;
      setDataChangesLive(false);
      if (closed) return;
      if (error) log.warn({ err: error instanceof Error ? error.message : String(error) }, "data-change session lost");
      void c.end().catch(() => undefined);
      timer = setTimeout(() => void connect(0), delayMs(0));
      timer.unref?.();
    };
    c.on("notification", (m) => {
      if (m.channel === DATA_CHANGED_CHANNEL) noteDataChanged();
    });
    c.on("error", onLost);
    c.on("end", () => onLost());
    try {
      await c.connect();
      await c.query(`LISTEN ${DATA_CHANGED_CHANNEL}`);
    } catch (error) {
      lost = true;
      await c.end().catch(() => undefined);
      if (closed) return;
      if (attempt === 0) log.warn({ err: error instanceof Error ? error.message : String(error) }, "data-change session not opened; retrying");
      timer = setTimeout(() => void connect(attempt + 1), delayMs(attempt + 1));
      timer.unref?.();
      return;
    }
    if (closed) {
      await c.end().catch(() => undefined);
      return;
    }
    client = c;
    // Changes committed before the LISTEN took effect were not heard: live again, as a new version.
    setDataChangesLive(true);
  };

  void connect(0);
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      setDataChangesLive(false);
      await client?.end().catch(() => undefined);
    },
  };
}
