import { collectDefaultMetrics, Counter, type Metric, Registry } from "prom-client";
import type { DatabaseGauges } from "./database-gauges";
import type { WholeCaCounts } from "./database-snapshot";
import { PkiLatencyHistogram } from "./pki-latency-histogram";

/** What a PKI request was: the four public services of /pki (the label `kind`). */
export type PkiRequestKind = "ocsp" | "crl" | "ca" | "tsa";

/**
 * Latency buckets of a PKI answer, in seconds. An OCSP answer from the pre-signed cache takes
 * tens of microseconds to a millisecond; one signed on demand, a CRL re-signed from the rows or a
 * timestamp takes milliseconds; a cold start or a slow database takes longer.
 */
export const PKI_LATENCY_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** More outcomes than this for one kind would be a bug (an unbounded label): the rest count as "other". */
export const MAX_OUTCOMES_PER_KIND = 24;

export interface MetricsState {
  registry: Registry;
  pkiRequests: PkiLatencyHistogram;
  /** Page requests the page cache could answer, by outcome (src/server/page-cache). */
  pageCache: Counter<"outcome">;
  /** The outcome labels seen per kind, to bound the label set. */
  outcomes: Map<string, Set<string>>;
  /** Created on the first scrape (internal/database-gauges.ts). */
  databaseGauges?: DatabaseGauges;
  /** The scrape under way: concurrent scrapes share it, so the database is read once at a time. */
  scraping?: Promise<{ contentType: string; body: string }>;
  /** The whole-CA counts per database client, with when (performance.now()) they were read. */
  wholeCaCounts: WeakMap<object, { value?: WholeCaCounts; at: number; loading?: Promise<WholeCaCounts> }>;
}

// On globalThis, not in module scope: Next bundles instrumentation and each route handler into
// separate chunks with their own module copies (as src/server/ca-service/ca-service.ts does for the
// CA). One registry per process, so /metrics shows what every chunk recorded, and the default
// process metrics are registered once.
const KEY = Symbol.for("portal.metrics");

export function metricsState(): MetricsState {
  const g = globalThis as { [key: symbol]: unknown };
  let s = g[KEY] as MetricsState | undefined;
  if (!s) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    s = {
      registry,
      pkiRequests: new PkiLatencyHistogram(
        "portal_pki_request_duration_seconds",
        "Time to answer a /pki request (OCSP, CRL, CA certificate, timestamp), by outcome: the OCSP response status or certificate status, the HTTP status for the others. Its _count is the request counter.",
        PKI_LATENCY_BUCKETS,
      ),
      pageCache: new Counter({
        name: "portal_page_cache_requests_total",
        help: "Requests for a cached page (home, agreement, fees, repository, query, privacy policy, dashboard, RA queue) by outcome: hit (answered from what was rendered), miss (rendered by Next), waited (answered from a render of the same page already under way), unheard (rendered: data changes not heard, the cache answers nothing).",
        labelNames: ["outcome"] as const,
        registers: [registry],
      }),
      outcomes: new Map(),
      wholeCaCounts: new WeakMap(),
    };
    // prom-client's types list only its own four classes; its registry formats any metric with this get().
    registry.registerMetric(s.pkiRequests as unknown as Metric);
    g[KEY] = s;
  }
  return s;
}
