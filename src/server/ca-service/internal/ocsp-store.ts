import { memoryOcspCache, presignedResponses, type OcspCache, type PresignedEntry } from "@/ca/ocsp/ocsp-responder";
import type { PrismaClient } from "@/generated/prisma/client";
import { logger } from "@/server/core";

const log = logger.child({ module: "ocsp-store" });

export type PersistedOcspCache = OcspCache & { size(): number; entries(): PresignedEntry[]; flush(): Promise<void> };

/**
 * The responder's cache of pre-signed OCSP responses: answers come from memory (the hot path
 * never waits for the database), and every response signed is also recorded in OcspResponse (the
 * newest per certificate) so the administrators' CA status shows the pre-signing state of the
 * whole CA, whichever instance signed. At most two responses are signed per certificate (one per
 * CertID hash algorithm), so the writes follow the certificates, never the byte variants clients
 * send; unknown serials are never cached, so never written. The write happens beside the answer, not before it; a
 * failed write is logged and repaired by the next signing. A certificate whose status became
 * unknown loses its row.
 */
export function persistedOcspCache(db: PrismaClient, rowIdOf: (entityId: string) => string): PersistedOcspCache {
  const memory = memoryOcspCache();
  const pending = new Set<Promise<void>>();
  const record = (entry: PresignedEntry) => {
    const newest = presignedResponses(entry).sort((a, b) => b.thisUpdate.getTime() - a.thisUpdate.getTime())[0];
    const issuerRowId = rowIdOf(entry.issuerId);
    const write = newest
      ? db.$executeRaw`
          INSERT INTO "OcspResponse" ("id", "certificateId", "der", "producedAt", "nextUpdate")
          SELECT gen_random_uuid()::text, c."id", ${newest.der}, ${newest.thisUpdate}, ${newest.nextUpdate}
          FROM "Certificate" c WHERE c."issuerId" = ${issuerRowId} AND c."serialHex" = ${entry.serialHex}
          ON CONFLICT ("certificateId") DO UPDATE
            SET "der" = EXCLUDED."der", "producedAt" = EXCLUDED."producedAt", "nextUpdate" = EXCLUDED."nextUpdate"
            WHERE "OcspResponse"."producedAt" <= EXCLUDED."producedAt"`
      : db.$executeRaw`
          DELETE FROM "OcspResponse" WHERE "certificateId" IN
            (SELECT c."id" FROM "Certificate" c WHERE c."issuerId" = ${issuerRowId} AND c."serialHex" = ${entry.serialHex})`;
    const p: Promise<void> = write
      .then(() => undefined)
      .catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err), serialHex: entry.serialHex }, "pre-signed OCSP response not recorded"))
      .finally(() => pending.delete(p));
    pending.add(p);
  };
  return {
    get: memory.get,
    // Memory only: the recorded row is replaced by the signing that follows (set).
    delete: memory.delete,
    set(entry) {
      memory.set(entry);
      record(entry);
    },
    size: memory.size,
    entries: memory.entries,
    /** Waits for the recordings under way (tests, shutdown). */
    async flush() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
  };
}
