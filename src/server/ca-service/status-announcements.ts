import { postgresListenConnector, postgresUrlOf } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { logger } from "@/server/core";
import { loadedCaService } from "./ca-service";
import { runStatusListener } from "./internal/status-listener";

const log = logger.child({ module: "status-announcements" });

/**
 * The channel on which PostgreSQL announces a certificate's status change, payload
 * `<IssuingCa id>/<serialHex>`. Sent by the trigger "Certificate_status_notify" (migration
 * 20261203161827_certificate_status_notify) in the transaction that changes the row, so every path
 * (use cases, CLI, jobs, SQL) announces, at commit, and a rolled-back change never does.
 */
export const STATUS_CHANNEL = "certificate_status";

/** Seen by operators in pg_stat_activity (and by the tests that cut the session). */
export const STATUS_LISTENER_APPLICATION_NAME = "portal-status-listener";

/** What listenForStatusChanges returns: stop listening (shutdown). */
export interface StatusListener {
  close(): Promise<void>;
}

/**
 * Listens for the certificate status changes announced on PostgreSQL, by this or any other
 * instance, and re-signs this process's pre-signed OCSP responses of that certificate at once, so
 * every instance answers the new status within moments of the commit (issue 16: within 2 s).
 * One dedicated session (a LISTEN belongs to its connection; the pool's come and go), reconnected
 * with backoff when it drops, after which the OCSP refresh sweep runs once for what was missed.
 * The per-minute sweep (job ocsp-refresh) stays as the safety net. A no-op on PGlite: one process,
 * whose own status changes re-sign in the use case (publishStatusAfterCommit).
 */
export async function listenForStatusChanges(db: PrismaClient): Promise<StatusListener> {
  const url = postgresUrlOf(db);
  if (!url) return { close: async () => {} };
  const listener = runStatusListener({
    connect: postgresListenConnector(url, STATUS_CHANNEL, STATUS_LISTENER_APPLICATION_NAME),
    async onAnnounced(payload) {
      const slash = payload.indexOf("/");
      // Nothing is cached in a process that never loaded the CA: no keys are opened for it.
      const ca = await loadedCaService(db);
      if (slash <= 0 || !ca) return;
      await ca.onStatusAnnounced(payload.slice(0, slash), payload.slice(slash + 1));
    },
    async onResumed() {
      const ca = await loadedCaService(db);
      const resigned = ca ? await ca.refreshOcspCache() : 0;
      log.info({ resigned }, "status announcements resumed; missed changes swept");
    },
    onError(what, error) {
      log.warn({ what, err: error instanceof Error ? error.message : String(error) }, "status announcements");
    },
  });
  await listener.ready;
  return { close: listener.close };
}
