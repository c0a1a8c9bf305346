import type { PrismaClient } from "@/generated/prisma/client";

/** What listenForStatusChanges returns: stop listening (shutdown). */
export interface StatusListener {
  close(): Promise<void>;
}

/**
 * Listens for the certificate status changes announced on PostgreSQL (any instance, the CLI, a
 * job) and re-signs this process's pre-signed OCSP responses of the certificate at once. A no-op
 * on PGlite (one process). (Stub committed early for the other parts; the listener follows.)
 */
export async function listenForStatusChanges(db: PrismaClient): Promise<StatusListener> {
  void db;
  return { close: async () => {} };
}
