import { keepListening, type KeptListening, type ListenConnector } from "@/db";

export type { ListenHandlers as AnnouncementHandlers, ListenSession as AnnouncementSession } from "@/db";

export interface StatusListenerPorts {
  /** Opens a session listening on the channel; rejects when it cannot. */
  connect: ListenConnector;
  /** One announced status change (the payload as sent). */
  onAnnounced(payload: string): Promise<void>;
  /**
   * The session is back after a loss (or after a failed first attempt): announcements made in
   * between were missed, so the caller sweeps once (the OCSP refresh re-signs what changed).
   */
  onResumed(): Promise<void>;
  onError(what: "connect" | "lost" | "announcement" | "resume", error: unknown): void;
  /** Waits before reconnection attempt n (0-based); backoff by default (src/db/listening-session.ts). */
  delayMs?(attempt: number): number;
}

/** ready, listening() and close() as keepListening's; close also waits for the announcement in hand. */
export type RunningStatusListener = KeptListening;

/**
 * Keeps one listening session open (keepListening: reconnection with backoff), resumes with one
 * sweep (notifications are not queued for a session that is gone), and handles announcements one at
 * a time in arrival order, a payload already waiting not twice (a batch revocation announces
 * thousands; the same certificate changed twice needs one re-signing).
 */
export function runStatusListener(ports: StatusListenerPorts): RunningStatusListener {
  let closed = false;
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

  const session = keepListening({
    connect: ports.connect,
    onPayload(payload) {
      // The trigger always sends "<IssuingCa id>/<serialHex>"; an empty one names nothing.
      if (!payload) return;
      waiting.add(payload);
      draining ??= drain();
    },
    async onListening(resumed) {
      if (resumed) await ports.onResumed().catch((e: unknown) => ports.onError("resume", e));
    },
    onError: ports.onError,
    delayMs: ports.delayMs,
  });

  return {
    ready: session.ready,
    listening: session.listening,
    async close() {
      closed = true;
      await session.close();
      await draining;
    },
  };
}
