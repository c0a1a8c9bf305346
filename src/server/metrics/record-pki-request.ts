import { MAX_OUTCOMES_PER_KIND, metricsState, type PkiRequestKind } from "./internal/registry";

export { PKI_LATENCY_BUCKETS, type PkiRequestKind } from "./internal/registry";

/**
 * Records one answered /pki request (called by ca-service's servePki, the one function every PKI
 * answer passes through: the Next routes and the lean responder alike). Synchronous and cheap: a
 * label lookup and a bucket increment, no await, no I/O, so the hot path loses microseconds.
 * `outcome` is one of a small fixed set (good, revoked, unknown, malformedRequest, ..., or an HTTP
 * status); a kind that somehow produced more than MAX_OUTCOMES_PER_KIND distinct ones counts the
 * rest as "other", so the label set stays bounded whatever happens.
 */
export function recordPkiRequest(kind: PkiRequestKind, outcome: string, seconds: number): void {
  const s = metricsState();
  let seen = s.outcomes.get(kind);
  if (!seen) s.outcomes.set(kind, (seen = new Set()));
  if (!seen.has(outcome)) {
    if (seen.size >= MAX_OUTCOMES_PER_KIND) outcome = "other";
    seen.add(outcome);
  }
  s.pkiRequests.observe(kind, outcome, Number.isFinite(seconds) && seconds >= 0 ? seconds : 0);
}

/** Records one request for a cached page (called by the page cache; a counter increment, nothing more). */
export function recordPageCacheRequest(outcome: "hit" | "miss" | "waited" | "unheard"): void {
  metricsState().pageCache.inc({ outcome });
}
