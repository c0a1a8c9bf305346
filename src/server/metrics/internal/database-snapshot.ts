import { REVOCATION_DUE_SOON_MS } from "@/domain/revocation";
import type { PrismaClient } from "@/generated/prisma/client";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Age bands of the pre-signed OCSP responses (producedAt). They are re-signed at half their one-day validity, so a healthy CA has nothing past 12 h. */
export const OCSP_AGE_BANDS = [
  { label: "under_1h", maxMs: HOUR_MS },
  { label: "1h_to_6h", maxMs: 6 * HOUR_MS },
  { label: "6h_to_12h", maxMs: 12 * HOUR_MS },
  { label: "12h_to_24h", maxMs: DAY_MS },
  { label: "over_24h", maxMs: Infinity },
] as const;
export type OcspAgeBand = (typeof OCSP_AGE_BANDS)[number]["label"];

/**
 * Counts over the whole CA: each reads every certificate (or every pre-signed response), which on
 * a CA with a million certificates is a scan of the table, so they are read at most every
 * WHOLE_CA_COUNTS_MAX_AGE_MS (render-metrics.ts) and their age is exported beside them. They
 * change slowly; alerts that must be quick (expired responses, overdue revocations, stuck
 * outbox, failing jobs) come from the per-scrape reads below, each served by an index.
 */
export interface WholeCaCounts {
  readAt: Date;
  /** Certificates by issuing CA (its name, e.g. "issuing-rsa") and status: issued in total, revoked, ... */
  certificates: Array<{ ca: string; status: string; count: number }>;
  ocspByAge: Record<OcspAgeBand, number>;
}

/** What one scrape reads: each query served by an index named beside it, and cheap whatever the CA's size. */
export interface DatabaseSnapshot {
  ocsp: { oldestProducedAt: Date | null; expired: number };
  crlShards: Array<{ ca: string; shard: number; crlNumber: number; thisUpdate: Date | null; nextUpdate: Date | null }>;
  revocationClocks: { ok: number; dueSoon: number; overdue: number; earliestDueAt: Date | null; awaitingConfirmation: number };
  revokedLastDay: number;
  outbox: { pending: number; oldestPendingAt: Date | null; failed: number };
  jobs: Array<{ job: string; runsLastDay: number; failuresLastDay: number; lastSuccessAt: Date | null; lastRunFailed: boolean }>;
}

const n = (v: bigint | number | null | undefined) => Number(v ?? 0);

export async function readWholeCaCounts(db: PrismaClient, now: Date): Promise<WholeCaCounts> {
  const [names, byStatus, [ages]] = await Promise.all([
    db.issuingCa.findMany({ select: { id: true, name: true } }),
    // A scan of Certificate (no index holds both columns): hence the five-minute cache.
    db.certificate.groupBy({ by: ["issuerId", "status"], _count: { _all: true } }),
    // A scan of OcspResponse, one pass for all bands.
    db.$queryRaw<Array<Record<OcspAgeBand, bigint>>>`
      SELECT
        count(*) FILTER (WHERE "producedAt" > ${new Date(now.getTime() - HOUR_MS)}) AS "under_1h",
        count(*) FILTER (WHERE "producedAt" <= ${new Date(now.getTime() - HOUR_MS)} AND "producedAt" > ${new Date(now.getTime() - 6 * HOUR_MS)}) AS "1h_to_6h",
        count(*) FILTER (WHERE "producedAt" <= ${new Date(now.getTime() - 6 * HOUR_MS)} AND "producedAt" > ${new Date(now.getTime() - 12 * HOUR_MS)}) AS "6h_to_12h",
        count(*) FILTER (WHERE "producedAt" <= ${new Date(now.getTime() - 12 * HOUR_MS)} AND "producedAt" > ${new Date(now.getTime() - DAY_MS)}) AS "12h_to_24h",
        count(*) FILTER (WHERE "producedAt" <= ${new Date(now.getTime() - DAY_MS)}) AS "over_24h"
      FROM "OcspResponse"`,
  ]);
  const nameOf = new Map(names.map((r) => [r.id, r.name]));
  return {
    readAt: now,
    certificates: byStatus.map((g) => ({ ca: nameOf.get(g.issuerId) ?? g.issuerId, status: g.status, count: g._count._all })),
    ocspByAge: Object.fromEntries(OCSP_AGE_BANDS.map((b) => [b.label, n(ages?.[b.label])])) as Record<OcspAgeBand, number>,
  };
}

export async function readDatabaseSnapshot(db: PrismaClient, now: Date): Promise<DatabaseSnapshot> {
  const dayAgo = new Date(now.getTime() - DAY_MS);
  const [oldest, expired, shards, [clocks], awaitingConfirmation, revokedLastDay, outbox, jobs] = await Promise.all([
    // Index OcspResponse(nextUpdate): the first entry. Every response has the same validity
    // (the responder's), so the one that expires first is the one produced first.
    db.ocspResponse.findFirst({ orderBy: { nextUpdate: "asc" }, select: { producedAt: true } }),
    // Index OcspResponse(nextUpdate): only the expired entries are read (none on a healthy CA).
    db.ocspResponse.count({ where: { nextUpdate: { lt: now } } }),
    // CrlShard: one row per CA and shard (a few dozen at most).
    db.crlShard.findMany({ select: { shard: true, crlNumber: true, thisUpdate: true, nextUpdate: true, issuingCa: { select: { name: true } } }, orderBy: [{ issuingCaId: "asc" }, { shard: "asc" }] }),
    // Index RevocationRequest(status, dueAt): the open clocks only. The bands are the domain's
    // (src/domain/revocation/sla.ts slaState: overdue past dueAt, due soon within REVOCATION_DUE_SOON_MS),
    // the same boundaries the officers' SLA view and the alert sweep use.
    db.$queryRaw<Array<{ open: bigint; overdue: bigint; dueSoon: bigint; earliestDueAt: Date | null }>>`
      SELECT count(*) AS "open",
             count(*) FILTER (WHERE "dueAt" < ${now}) AS "overdue",
             count(*) FILTER (WHERE "dueAt" >= ${now} AND "dueAt" < ${new Date(now.getTime() + REVOCATION_DUE_SOON_MS)}) AS "dueSoon",
             min("dueAt") AS "earliestDueAt"
      FROM "RevocationRequest" WHERE "status" = 'COMPLIANT'`,
    // Index RevocationRequest(status, dueAt): requests whose clock has not started (identity not yet confirmed), as the SLA view lists them.
    db.revocationRequest.count({ where: { status: "RECEIVED", kind: { in: ["REVOCATION", "HOLD_RELEASE"] } } }),
    // Index Revocation(revokedAt).
    db.revocation.count({ where: { revokedAt: { gte: dayAgo } } }),
    // Index Notification(status, nextAttemptAt): pending and failed mails only, never the sent ones.
    db.notification.groupBy({ by: ["status"], where: { status: { in: ["PENDING", "FAILED"] } }, _count: { _all: true }, _min: { createdAt: true } }),
    // JobLease: one row per job; each subquery a range of the index SweepRun(job, startedAt).
    db.$queryRaw<Array<{ job: string; runs: bigint; failures: bigint; lastSuccessAt: Date | null; lastRunFailed: boolean }>>`
      SELECT l."name" AS "job",
             (SELECT count(*) FROM "SweepRun" r WHERE r."job" = l."name" AND r."startedAt" >= ${dayAgo}) AS "runs",
             (SELECT count(*) FROM "SweepRun" r WHERE r."job" = l."name" AND r."startedAt" >= ${dayAgo} AND r."ok" = false) AS "failures",
             (SELECT r."finishedAt" FROM "SweepRun" r WHERE r."job" = l."name" AND r."ok" = true ORDER BY r."startedAt" DESC LIMIT 1) AS "lastSuccessAt",
             (l."lastError" IS NOT NULL) AS "lastRunFailed"
      FROM "JobLease" l ORDER BY l."name"`,
  ]);
  const open = n(clocks?.open);
  const overdue = n(clocks?.overdue);
  const dueSoon = n(clocks?.dueSoon);
  const pending = outbox.find((g) => g.status === "PENDING");
  return {
    ocsp: { oldestProducedAt: oldest?.producedAt ?? null, expired },
    crlShards: shards.map((s) => ({ ca: s.issuingCa.name, shard: s.shard, crlNumber: s.crlNumber, thisUpdate: s.thisUpdate, nextUpdate: s.nextUpdate })),
    revocationClocks: { ok: open - overdue - dueSoon, dueSoon, overdue, earliestDueAt: clocks?.earliestDueAt ?? null, awaitingConfirmation },
    revokedLastDay,
    outbox: { pending: pending?._count._all ?? 0, oldestPendingAt: pending?._min.createdAt ?? null, failed: outbox.find((g) => g.status === "FAILED")?._count._all ?? 0 },
    jobs: jobs.map((j) => ({ job: j.job, runsLastDay: n(j.runs), failuresLastDay: n(j.failures), lastSuccessAt: j.lastSuccessAt, lastRunFailed: j.lastRunFailed })),
  };
}
