import { getDatabase } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { logger, requestClock, type Clock } from "@/server/core";
import { applySnapshot, clearDatabaseGauges, createDatabaseGauges } from "./internal/database-gauges";
import { readDatabaseSnapshot, readWholeCaCounts, type WholeCaCounts } from "./internal/database-snapshot";
import { metricsState, type MetricsState } from "./internal/registry";

const log = logger.child({ area: "metrics" });

/** A scrape waits this long for the database, then answers without it (portal_database_up 0). */
export const DATABASE_READ_TIMEOUT_MS = 5_000;
/** The counts that scan whole tables (database-snapshot.ts WholeCaCounts) are re-read at most this often. */
export const WHOLE_CA_COUNTS_MAX_AGE_MS = 5 * 60_000;

/** Where a scrape reads from: the process database and its clock (the test clock in a browser-test build). */
export interface MetricsSource {
  db: PrismaClient;
  clock: Clock;
}

async function processSource(): Promise<MetricsSource> {
  const { prisma } = await getDatabase();
  return { db: prisma, clock: await requestClock(prisma) };
}

class Timeout extends Error {}

/** Settles with p, or rejects with Timeout after ms (p goes on, its outcome then ignored). */
function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * The whole-CA counts, re-read when older than WHOLE_CA_COUNTS_MAX_AGE_MS, in the background: a
 * scrape that has earlier counts shows them at once (with their age) and never waits for the
 * re-read. Only while there are none yet (after a start) does a scrape wait, at most waitMs; a read
 * that outlasts it goes on, and a later scrape shows it. On a million certificates the read takes
 * seconds (a scan of Certificate and of OcspResponse), the other reads of a scrape tens of ms.
 */
async function wholeCaCounts(s: MetricsState, db: PrismaClient, now: Date, waitMs: number): Promise<WholeCaCounts | undefined> {
  let entry = s.wholeCaCounts.get(db);
  if (!entry) s.wholeCaCounts.set(db, (entry = { at: -Infinity }));
  const e = entry;
  if (e.value && performance.now() - e.at < WHOLE_CA_COUNTS_MAX_AGE_MS) return e.value;
  e.loading ??= readWholeCaCounts(db, now)
    .then((value) => {
      e.value = value;
      e.at = performance.now();
      return value;
    })
    .finally(() => {
      e.loading = undefined;
    });
  if (e.value) {
    e.loading.catch((err: unknown) => log.warn({ err: err instanceof Error ? err.message : String(err) }, "metrics: whole-CA counts not re-read"));
    return e.value;
  }
  try {
    return await within(e.loading, waitMs);
  } catch (err) {
    if (!(err instanceof Timeout)) throw err;
    return undefined;
  }
}

async function scrape(source: () => Promise<MetricsSource>): Promise<{ contentType: string; body: string }> {
  const s = metricsState();
  const g = (s.databaseGauges ??= createDatabaseGauges(s.registry));
  const started = performance.now();
  try {
    const { db, clock } = await within(source(), DATABASE_READ_TIMEOUT_MS);
    const now = clock.now();
    const [snapshot, counts] = await within(Promise.all([readDatabaseSnapshot(db, now), wholeCaCounts(s, db, now, DATABASE_READ_TIMEOUT_MS / 2)]), DATABASE_READ_TIMEOUT_MS);
    applySnapshot(g, snapshot, counts, now);
    g.up.set(1);
  } catch (err) {
    // The process metrics and the PKI request metrics are still worth having: never a 500.
    clearDatabaseGauges(g);
    g.up.set(0);
    log.warn({ err: err instanceof Error ? err.message : String(err) }, "metrics: database not read");
  }
  g.readSeconds.set((performance.now() - started) / 1000);
  return { contentType: s.registry.contentType, body: await s.registry.metrics() };
}

/**
 * The Prometheus text of this process: its default process metrics, the PKI requests it answered
 * (recordPkiRequest) and the database gauges (read once per scrape: internal/database-snapshot.ts
 * says which index serves each). Concurrent scrapes share one read. `source` is for tests.
 */
export function renderMetrics(source: () => Promise<MetricsSource> = processSource): Promise<{ contentType: string; body: string }> {
  const s = metricsState();
  if (!s.scraping) {
    s.scraping = scrape(source).finally(() => {
      s.scraping = undefined;
    });
  }
  return s.scraping;
}
