/** A session that LISTENs (a dedicated connection, never one of the pool's). */
export interface AnnouncementSession {
  end(): Promise<void>;
}

export interface AnnouncementHandlers {
  onPayload(payload: string): void;
  /** Called at most once, when the session ends or fails. */
  onLost(reason?: unknown): void;
}

export interface StatusListenerPorts {
  /** Opens a session listening on the channel; rejects when it cannot. */
  connect(handlers: AnnouncementHandlers): Promise<AnnouncementSession>;
  /** One announced status change (the payload as sent). */
  onAnnounced(payload: string): Promise<void>;
  /**
   * The session is back after a loss (or after a failed first attempt): announcements made in
   * between were missed, so the caller sweeps once (the OCSP refresh re-signs what changed).
   */
  onResumed(): Promise<void>;
  onError(what: "connect" | "lost" | "announcement" | "resume", error: unknown): void;
  /** Waits before reconnection attempt n (0-based); backoff by default. */
  delayMs?(attempt: number): number;
}

/** 0.25 s, 0.5 s, 1 s, ... up to 15 s between attempts: quick after a blip, gentle on a server that is down. */
export const reconnectDelayMs = (attempt: number) => Math.min(15_000, 250 * 2 ** Math.min(attempt, 6));

export interface RunningStatusListener {
  /** Settles once the first connection attempt has succeeded or failed (it keeps retrying after a failure). */
  ready: Promise<void>;
  /** Whether a session is listening right now. */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * Keeps one listening session open: reconnects with backoff when it drops, resumes with one sweep
 * (notifications are not queued for a session that is gone), and handles announcements one at a
 * time in arrival order, a payload already waiting not twice (a batch revocation announces
 * thousands; the same certificate changed twice needs one re-signing).
 */
export function runStatusListener(ports: StatusListenerPorts): RunningStatusListener {
  const delayMs = ports.delayMs ?? reconnectDelayMs;
  let closed = false;
  let session: AnnouncementSession | undefined;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let release: (() => void) | undefined;
  const waiting = new Set<string>();
  let draining: Promise<void> | undefined;

  const drain = async () => {
    while (!closed && waiting.size > 0) {
      const payload = waiting.values().next().value as string;
      waiting.delete(payload);
      await ports.onAnnounced(payload).catch((e: unknown) => ports.onError("announcement", e));
    }
    draining = undefined;
  };
  const enqueue = (payload: string) => {
    waiting.add(payload);
    draining ??= drain();
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, ms);
      timer.unref?.();
    });

  /** Connects once; resolves with a promise that settles when that session is lost. */
  const connectOnce = async (): Promise<{ gone: Promise<void> }> => {
    let lost!: () => void;
    const gone = new Promise<void>((resolve) => (lost = resolve));
    release = lost;
    let reported = false;
    session = await ports.connect({
      onPayload: (payload) => {
        if (!closed) enqueue(payload);
      },
      onLost: (reason) => {
        if (reported) return;
        reported = true;
        session = undefined;
        if (!closed && reason !== undefined) ports.onError("lost", reason);
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
      let gone: { gone: Promise<void> };
      try {
        gone = await connectOnce();
      } catch (e) {
        if (!closed) ports.onError("connect", e);
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
      if (missed) await ports.onResumed().catch((e: unknown) => ports.onError("resume", e));
      await gone.gone;
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
      await draining;
    },
  };
}
