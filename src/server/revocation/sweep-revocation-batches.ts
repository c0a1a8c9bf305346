import type { CaRevocationGround } from "@/domain/revocation";
import type { PrismaClient } from "@/generated/prisma/client";
import { certificateParties, partyRelationTest } from "@/server/auth";
import { caOf, publishCrlShard } from "@/server/ca-service";
import { type AuditInput, type Clock, defineSystemTask, isDomainError, runExclusively } from "@/server/core";
import { lockCertificate } from "@/server/shared";
import { revokeOnCaGround } from "./internal/revoke-on-ca-ground";

export const REVOCATION_BATCH_JOB = "revocation.batches";
/** How often the scheduler looks for approved batches (scaled by JOB_INTERVAL_SCALE). */
export const REVOCATION_BATCH_INTERVAL_MS = 60_000;
/** Certificates per transaction: progress is committed (and shown) chunk by chunk. */
export const REVOCATION_BATCH_CHUNK = 100;
const LEASE_MS = 10 * 60_000;

export interface BatchSweepOutcome {
  batches: number;
  chunks: number;
  revoked: number;
  finished: string[];
}

/**
 * Issue 14 item 6: carries out approved batch revocations, under one JobLease across instances.
 * Each RUNNING batch is worked in chunks of `chunk` certificates, each chunk one transaction (its
 * progress is committed and shown as done / total); when no item is pending, every certificate's
 * OCSP response is re-signed and each CRL shard the batch touched is published once, and the batch
 * is DONE. A run that stops half way (a crash, a deploy) is picked up by the next run where it stopped.
 */
export async function sweepRevocationBatches(db: PrismaClient, clock: Clock, opts: { chunk?: number } = {}): Promise<BatchSweepOutcome | null> {
  const run = await runExclusively(db, clock, { job: REVOCATION_BATCH_JOB, leaseMs: LEASE_MS }, () => workBatches(db, clock, opts.chunk ?? REVOCATION_BATCH_CHUNK));
  return run.ran ? run.result : null;
}

async function workBatches(db: PrismaClient, clock: Clock, chunk: number): Promise<BatchSweepOutcome> {
  const outcome: BatchSweepOutcome = { batches: 0, chunks: 0, revoked: 0, finished: [] };
  const running = await db.revocationBatch.findMany({ where: { status: "RUNNING" }, select: { id: true }, orderBy: { startedAt: "asc" } });
  for (const { id } of running) {
    outcome.batches++;
    for (;;) {
      const r = await revokeChunk({ db, clock }, { batchId: id, size: chunk });
      if (r.handled === 0) break;
      outcome.chunks++;
      outcome.revoked += r.revoked;
    }
    if (await finishBatch(db, clock, id)) outcome.finished.push(id);
  }
  return outcome;
}

/**
 * One chunk: each pending certificate in a savepoint of its own, so that one that fails (its
 * row refused, a CA-side error) is rolled back alone, counted and listed, and the chunk goes on.
 * Each revoked certificate gets the revocation.revoked-by-ca event naming the batch (and the
 * events of its key-compromise cascade), written before the chunk's own progress event.
 */
const revokeChunk = defineSystemTask({
  name: "revocation.batch-chunk",
  timeoutMs: 120_000,
  async run(s, { batchId, size }: { batchId: string; size: number }): Promise<{ handled: number; revoked: number }> {
    await s.tx.$queryRaw`SELECT "id" FROM "RevocationBatch" WHERE "id" = ${batchId} FOR UPDATE`;
    const batch = await s.tx.revocationBatch.findUniqueOrThrow({ where: { id: batchId } });
    const items = batch.status === "RUNNING" ? await s.tx.revocationBatchItem.findMany({ where: { batchId, status: "PENDING" }, orderBy: { certificateId: "asc" }, take: size }) : [];
    if (items.length === 0) {
      s.nothingToRecord();
      return { handled: 0, revoked: 0 };
    }
    const relationTo = await partyRelationTest(s.tx, batch.requestedById, s.now);
    let revoked = 0;
    let skipped = 0;
    let cascaded = 0;
    const failures: { serialHex: string; failure: string }[] = [];
    for (const item of items) {
      const events: AuditInput[] = [];
      await s.tx.$executeRawUnsafe("SAVEPOINT batch_item");
      try {
        const cert = await lockCertificate(s.tx, item.certificateId);
        let status: "REVOKED" | "SKIPPED" | "FAILED";
        let failure: string | null = null;
        if (cert.revokedAt || cert.notAfter.getTime() <= s.now.getTime()) {
          // Revoked meanwhile (by a request, a cascade, another batch) or expired: counted, not revoked again.
          status = "SKIPPED";
        } else if (relationTo(certificateParties(cert))) {
          // The requester became party to it since the request (joined the organisation): as revokeByCa, refused.
          status = "FAILED";
          failure = "CONFLICT_OF_INTEREST";
        } else {
          const done = await revokeOnCaGround(
            { tx: s.tx, now: s.now, notify: s.notify, auditConsequence: (e) => void events.push(e) },
            {
              cert,
              ground: batch.ground as CaRevocationGround,
              reason: batch.reason,
              explanation: batch.explanation,
              // Kept within the certificate's validity, as the key-compromise cascade does (RFC 5280).
              invalidityDate: batch.invalidityDate && batch.invalidityDate < cert.notBefore ? cert.notBefore : batch.invalidityDate,
              decidedById: batch.requestedById,
              source: "BATCH_REVOCATION",
              batchId,
            },
          );
          events.push({ ...done.event, onBehalfOfId: cert.subscriberOrganisationId });
          cascaded += done.publishCertificateIds.length - 1;
          status = "REVOKED";
        }
        await s.tx.revocationBatchItem.update({ where: { batchId_certificateId: { batchId, certificateId: item.certificateId } }, data: { status, failure, handledAt: s.now } });
        await s.tx.$executeRawUnsafe("RELEASE SAVEPOINT batch_item");
        for (const e of events) s.auditConsequence(e);
        if (status === "REVOKED") revoked++;
        else if (status === "SKIPPED") skipped++;
        else failures.push({ serialHex: item.serialHex, failure: failure! });
      } catch (e) {
        // Only this certificate's writes are undone; its failure is recorded and the chunk goes on.
        await s.tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT batch_item");
        const failure = isDomainError(e) ? e.code : "INTERNAL";
        await s.tx.revocationBatchItem.update({ where: { batchId_certificateId: { batchId, certificateId: item.certificateId } }, data: { status: "FAILED", failure, handledAt: s.now } });
        failures.push({ serialHex: item.serialHex, failure });
      }
    }
    const updated = await s.tx.revocationBatch.update({
      where: { id: batchId },
      data: { done: { increment: revoked }, skipped: { increment: skipped }, failed: { increment: failures.length } },
      select: { done: true, skipped: true, failed: true, total: true },
    });
    s.audit({
      action: "revocation.batch-progressed",
      subjectType: "RevocationBatch",
      subjectId: batchId,
      summary: { revoked, skipped, failed: failures.length, cascaded, failures, done: updated.done + updated.skipped + updated.failed, total: updated.total },
    });
    return { handled: items.length, revoked };
  },
});

/**
 * When no item is pending: OCSP re-signed for every certificate the batch revoked (and those its
 * cascades revoked), each CRL shard they are on published once, then the batch marked DONE. A
 * CRL publication that fails throws: the batch stays RUNNING and the next run publishes again. An
 * OCSP re-sign that fails is recorded (published: false); the OCSP refresh job re-signs from the rows.
 */
async function finishBatch(db: PrismaClient, clock: Clock, batchId: string): Promise<boolean> {
  const pending = await db.revocationBatchItem.count({ where: { batchId, status: "PENDING" } });
  const batch = await db.revocationBatch.findUniqueOrThrow({ where: { id: batchId }, select: { status: true, startedAt: true } });
  if (pending > 0 || batch.status !== "RUNNING") return false;
  const ca = await caOf(db)();
  const now = clock.now();
  // The batch's own certificates and those its key-compromise cascades revoked (revoked since it started, named by the events).
  const revokedItems = await db.revocationBatchItem.findMany({ where: { batchId, status: "REVOKED" }, select: { certificateId: true } });
  const cascadeEvents = await db.auditEvent.findMany({ where: { action: "revocation.key-compromise-cascaded", summary: { path: ["batchId"], equals: batchId } }, select: { subjectId: true } });
  const ids = [...new Set([...revokedItems.map((i) => i.certificateId), ...cascadeEvents.map((e) => e.subjectId!).filter(Boolean)])];
  const shards = new Map<string, { issuerId: string; shard: number }>();
  let published = true;
  let ocspResigned = 0;
  for (let i = 0; i < ids.length; i += 1000) {
    const rows = await db.certificate.findMany({ where: { id: { in: ids.slice(i, i + 1000) } }, select: { id: true, issuerId: true, crlShard: true } });
    for (const r of rows) {
      shards.set(`${r.issuerId}:${r.crlShard}`, { issuerId: r.issuerId, shard: r.crlShard });
      try {
        await ca.onCertificateStatusChanged(r.id);
        ocspResigned++;
      } catch {
        published = false;
      }
    }
  }
  const crlShards: string[] = [];
  for (const { issuerId, shard } of shards.values()) {
    const entity = ca.entityIdOf(issuerId);
    await publishCrlShard(db, ca, entity, shard, now);
    crlShards.push(`${entity}/${shard}`);
  }
  return finishTask({ db, clock }, { batchId, crlShards, ocspResigned, published });
}

const finishTask = defineSystemTask({
  name: "revocation.batch-finish",
  async run(s, input: { batchId: string; crlShards: string[]; ocspResigned: number; published: boolean }): Promise<boolean> {
    await s.tx.$queryRaw`SELECT "id" FROM "RevocationBatch" WHERE "id" = ${input.batchId} FOR UPDATE`;
    const batch = await s.tx.revocationBatch.findUniqueOrThrow({ where: { id: input.batchId } });
    if (batch.status !== "RUNNING" || (await s.tx.revocationBatchItem.count({ where: { batchId: input.batchId, status: "PENDING" } })) > 0) {
      s.nothingToRecord();
      return false;
    }
    await s.tx.revocationBatch.update({ where: { id: input.batchId }, data: { status: "DONE", finishedAt: s.now } });
    s.audit({
      action: "revocation.batch-finished",
      subjectType: "RevocationBatch",
      subjectId: input.batchId,
      summary: { total: batch.total, done: batch.done, skipped: batch.skipped, failed: batch.failed, crlShards: input.crlShards, ocspResigned: input.ocspResigned, published: input.published },
    });
    return true;
  },
});
