// One dedicated PostgreSQL session that LISTENs on a channel, kept open: reconnected with backoff
// when it drops, reported as listening or not, ended cleanly on close. A LISTEN belongs to its
// connection, so it never runs on one of the pool's, which come and go. What a caller does with the
// notifications (re-sign OCSP answers, drop cached pages) and with a gap in listening (sweep, stop
// answering from a cache) stays with the caller: the certificate status listener
// (src/server/ca-service/status-announcements.ts) and the page cache's data-change listener
// (src/server/page-cache/data-change-listener.ts) both run on this.
import pg from "pg";

/** An open listening session. */
export interface ListenSession {
  end(): Promise<void>;
}

export interface ListenHandlers {
  /** One notification on the channel (an empty string when it carried no payload). */
  onPayload(payload: string): void;
  /** Called at most once, when the session ends or fails; a reason only when it failed. */
  onLost(reason?: unknown): void;
}

/** Opens a session listening on the channel; rejects (and leaves nothing open) when it cannot. */
export type ListenConnector = (handlers: ListenHandlers) => Promise<ListenSession>;

/** 0.25 s, 0.5 s, 1 s, ... up to 15 s between attempts: quick after a blip, gentle on a server that is down. */
export const reconnectDelayMs = (attempt: number) => Math.min(15_000, 250 * 2 ** Math.min(Math.max(attempt, 0), 6));

// LISTEN takes an identifier, not a parameter: only plain names are ever sent.
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The connector for a real server: a pg.Client named `applicationName` (operators see it in
 * pg_stat_activity, and the tests that cut the session find it by that name) with TCP keep-alive,
 * so a peer that vanished without a word is noticed.
 */
export function postgresListenConnector(url: string, channel: string, applicationName: string): ListenConnector {
  if (!CHANNEL_NAME.test(channel)) throw new Error(`not a channel name: ${channel}`);
  return async (handlers) => {
    const client = new pg.Client({ connectionString: url, application_name: applicationName, keepAlive: true });
    let reported = false;
    const lost = (reason?: unknown) => {
      if (reported) return;
      reported = true;
      handlers.onLost(reason);
    };
    client.on("notification", (m) => {
      if (m.channel === channel) handlers.onPayload(m.payload ?? "");
    });
    client.on("error", (e) => lost(e));
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
    } catch (e) {
      // Not a loss of a listening session: the caller sees the rejection instead.
      reported = true;
      await client.end().catch(() => undefined);
      throw e;
    }
    return { end: () => client.end() };
  };
}

export interface KeepListeningOptions {
  connect: ListenConnector;
  onPayload(payload: string): void;
  /**
   * The LISTEN is in effect. `resumed` is true when it was not listening before for a while (a lost
   * session, or failed first attempts): notifications sent in that gap were never delivered.
   * Awaited before the loop watches the session again; it must not throw.
   */
  onListening?(resumed: boolean): void | Promise<void>;
  /** A session that was listening is gone (lost or closed): changes are no longer heard. */
  onNotListening?(): void;
  onError(what: "connect" | "lost", error: unknown): void;
  /** Waits before reconnection attempt n (0-based); reconnectDelayMs by default. */
  delayMs?(attempt: number): number;
}

export interface KeptListening {
  /** Settles once the first attempt has succeeded or failed (it keeps retrying after a failure). */
  ready: Promise<void>;
  /** Whether a session is listening right now. */
  listening(): boolean;
  /** Stops retrying and ends the session; settles when the loop has stopped. */
  close(): Promise<void>;
}

/** Keeps one listening session open until closed. */
export function keepListening(opts: KeepListeningOptions): KeptListening {
  const delayMs = opts.delayMs ?? reconnectDelayMs;
  let closed = false;
  let session: ListenSession | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let release: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    });

  /** Opens one session; resolves with a promise that settles when that session is gone (boxed: an async function would adopt it). */
  const openOne = async (): Promise<{ gone: Promise<void> }> => {
    let lost!: () => void;
    const gone = new Promise<void>((resolve) => (lost = resolve));
    release = lost;
    let reported = false;
    session = await opts.connect({
      onPayload: (payload) => {
        if (!closed) opts.onPayload(payload);
      },
      onLost: (reason) => {
        if (reported) return;
        reported = true;
        session = undefined;
        if (!closed && reason !== undefined) opts.onError("lost", reason);
        lost();
      },
    });
    return { gone };
  };

  let firstSettled!: () => void;
  const ready = new Promise<void>((resolve) => (firstSettled = resolve));

  const loop = (async () => {
    let attempt = 0;
    let missed = false;
    while (!closed) {
      let gone: Promise<void>;
      try {
        ({ gone } = await openOne());
      } catch (e) {
        if (!closed) opts.onError("connect", e);
        firstSettled();
        missed = true;
        await sleep(delayMs(attempt++));
        continue;
      }
      firstSettled();
      if (closed) {
        // close() ran while this session was being opened.
        await session?.end().catch(() => undefined);
        session = undefined;
        break;
      }
      attempt = 0;
      await opts.onListening?.(missed);
      await gone;
      opts.onNotListening?.();
      missed = true;
      if (!closed) await sleep(delayMs(attempt++));
    }
  })();

  return {
    ready,
    listening: () => session !== undefined,
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      wake?.();
      const s = session;
      session = undefined;
      await s?.end().catch(() => undefined);
      release?.();
      firstSettled();
      await loop;
    },
  };
}
