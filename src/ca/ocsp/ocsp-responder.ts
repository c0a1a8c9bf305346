// The OCSP responder, transport-free: the server passes request bytes (POST body, or the GET
// path segment of RFC 5019) and sends back what it gets. Responses are pre-signed per
// certificate and kept in a cache the server may persist; the hot path only looks them up.
// A certificate has at most one pre-signed response per CertID hash algorithm (SHA-1, SHA-256,
// and SM3 for an SM2 issuer), each carrying the CertID rebuilt from the parsed request
// (canonicalCertId), whatever bytes the client sent; unknown serials are answered but never
// cached. So the cache holds at most two responses per certificate this CA issued (three under an
// SM2 CA), and a status change re-signs exactly those. The responses of an SM2 CA are signed by
// its SM2 delegated signer (ocsp-sm2), SM3withSM2, like everything else the SM2 CA publishes.
// A response is re-signed when the server reports a status change (onStatusChanged) and when
// it passes its refresh point. Nonces get a freshly signed response only if enabled.
import { createHash } from "node:crypto";
import { children, contentOf, readRoot } from "../asn1/der";
import { epochMs, wholeSeconds, type Clock } from "../clock";
import { CaError } from "../errors";
import { sm3 } from "../keys/sm2";
import type { Hierarchy, LoadedEntity } from "../hierarchy/hierarchy";
import { OCSP_REQUEST_LIMITS, canonicalCertId, encodeCertId, parseOcspRequest, type CertIdHash, type ParsedOcspRequest, type RequestedCertId } from "./ocsp-request";
import { ocspErrorResponse, signOcspResponse, type CertStatus } from "./ocsp-response";
import { requestMemo, type ResolvedRequest } from "./request-memo";

export interface StatusLookup {
  /** Status of a certificate this issuer issued; "unknown" when there is no such serial. */
  statusOf(issuerId: string, serialHex: string): Promise<CertStatus>;
}

export interface PresignedResponse {
  der: Buffer;
  thisUpdate: Date;
  nextUpdate: Date;
  /** The one certificate's status it states, when signed here (the metrics' outcome; never read back from the bytes). */
  certStatus?: CertStatus["status"];
}
/** Pre-signed responses of one certificate: at most one per CertID hash algorithm. */
export interface PresignedEntry {
  issuerId: string;
  serialHex: string;
  responses: Partial<Record<CertIdHash, PresignedResponse>>;
}
export interface OcspCache {
  get(issuerId: string, serialHex: string): PresignedEntry | undefined | Promise<PresignedEntry | undefined>;
  /** Replaces the certificate's entry; the responder always passes a new object. */
  set(entry: PresignedEntry): void | Promise<void>;
  /** Forgets the certificate's entry (a status change: its responses must not be served any more). */
  delete(issuerId: string, serialHex: string): void | Promise<void>;
}

/** The responses of an entry (at most three: SHA-1, SHA-256, SM3). */
export const presignedResponses = (entry: PresignedEntry): PresignedResponse[] =>
  Object.values(entry.responses).filter((r): r is PresignedResponse => r !== undefined);

/** When the entry's oldest response was signed (undefined when it has none); a loop, not a spread. */
export function oldestSignature(entry: PresignedEntry): Date | undefined {
  let oldest: Date | undefined;
  for (const r of presignedResponses(entry)) if (!oldest || r.thisUpdate < oldest) oldest = r.thisUpdate;
  return oldest;
}

/**
 * What an answer said, for the server's metrics, as known without parsing it again: the
 * certificate's status (good, revoked, unknown), "multiple" for a response about several
 * certificates, "successful" when the status was not kept, or the OCSP error status.
 */
export type OcspOutcome = CertStatus["status"] | "multiple" | "successful" | "malformedRequest" | "unauthorized" | "internalError";

export interface OcspHttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
  outcome: OcspOutcome;
}

export interface OcspResponderOptions {
  hierarchy: Hierarchy;
  clock: Clock;
  status: StatusLookup;
  cache?: OcspCache;
  /** validity of a response (nextUpdate - thisUpdate); default one day */
  validitySeconds?: number;
  /** re-sign once a response is this old; default half the validity */
  refreshAfterSeconds?: number;
  /** echo request nonces in freshly signed responses; default false (RFC 5019 style) */
  nonce?: boolean;
  /** default OCSP_REQUEST_LIMITS.maxBytes */
  maxRequestBytes?: number;
  /** default OCSP_REQUEST_LIMITS.maxCertIds */
  maxCertIdsPerRequest?: number;
  /**
   * Upper bound of the cache lifetime an RFC 5019 GET answer gives shared caches (CDNs), besides
   * nextUpdate: a CDN may serve a status for this long after it changed. Default: nextUpdate only.
   */
  cdnMaxAgeSeconds?: number;
}

/**
 * Only certificates this CA issued get an entry (unknown serials are never cached), at most two
 * responses each (three under an SM2 CA); maxEntries also bounds the memory of a very large CA
 * (about 2 KB per entry): past it the longest-unsigned entry is dropped, and its next request
 * signs it again.
 */
export const OCSP_CACHE_MAX_ENTRIES = 100_000;

export function memoryOcspCache(opts: { maxEntries?: number } = {}): OcspCache & { size(): number; entries(): PresignedEntry[] } {
  const max = opts.maxEntries ?? OCSP_CACHE_MAX_ENTRIES;
  const m = new Map<string, PresignedEntry>();
  return {
    get: (i, s) => m.get(`${i}/${s}`),
    set(e) {
      const key = `${e.issuerId}/${e.serialHex}`;
      m.delete(key); // re-inserted last: Map order is signing order
      m.set(key, e);
      if (m.size > max) m.delete(m.keys().next().value!);
    },
    delete: (i, s) => void m.delete(`${i}/${s}`),
    size: () => m.size,
    entries: () => [...m.values()],
  };
}

const HASHES: readonly CertIdHash[] = ["sha1", "sha256"];
/** SM3 CertIDs are answered for SM2 issuers only: an RSA or P-256 CA's relying parties never send them. */
const hashesFor = (issuer: LoadedEntity): readonly CertIdHash[] => (issuer.entity.keyType === "sm2" ? [...HASHES, "sm3"] : HASHES);
const certIdHash = (name: CertIdHash, data: Buffer): Buffer => (name === "sm3" ? sm3(data) : createHash(name).update(data).digest());
const CONTENT_TYPE = "application/ocsp-response";

export function createOcspResponder(o: OcspResponderOptions) {
  const validityMs = (o.validitySeconds ?? 86_400) * 1000;
  const refreshMs = (o.refreshAfterSeconds ?? (o.validitySeconds ?? 86_400) / 2) * 1000;
  const limits = { maxBytes: o.maxRequestBytes ?? OCSP_REQUEST_LIMITS.maxBytes, maxCertIds: o.maxCertIdsPerRequest ?? OCSP_REQUEST_LIMITS.maxCertIds };
  const maxBytes = limits.maxBytes;
  const cache = o.cache ?? memoryOcspCache();

  // (hash, issuerNameHash, issuerKeyHash) -> issuing CA with a delegated signer
  const issuers = new Map<string, { issuer: LoadedEntity; signer: LoadedEntity }>();
  // issuer -> its name and key hashes per algorithm, to build the CertIDs a status change re-signs
  const issuerHashes = new Map<string, Partial<Record<CertIdHash, { nameHash: Buffer; keyHash: Buffer }>>>();
  for (const [issuerId, signer] of o.hierarchy.ocspSigners) {
    const issuer = o.hierarchy.byId.get(issuerId);
    if (!issuer) continue;
    const spki = issuer.parts.spki;
    const keyBits = contentOf(spki, children(spki, readRoot(spki))[1]!).subarray(1);
    const hashes: Partial<Record<CertIdHash, { nameHash: Buffer; keyHash: Buffer }>> = {};
    for (const name of hashesFor(issuer)) {
      const nameHash = certIdHash(name, issuer.parts.subjectName);
      const keyHash = certIdHash(name, keyBits);
      issuers.set(`${name}/${nameHash.toString("hex")}/${keyHash.toString("hex")}`, { issuer, signer });
      hashes[name] = { nameHash, keyHash };
    }
    issuerHashes.set(issuerId, hashes);
  }
  const issuerOf = (id: RequestedCertId) => (id.hash ? issuers.get(`${id.hash}/${id.nameHash.toString("hex")}/${id.keyHash.toString("hex")}`) : undefined);

  const cdnMaxAgeSeconds = o.cdnMaxAgeSeconds ?? Number.POSITIVE_INFINITY;
  const respond = (body: Buffer, outcome: OcspOutcome, maxAgeSeconds = 0, extra: Record<string, string> = {}): OcspHttpResponse => ({
    status: 200,
    contentType: CONTENT_TYPE,
    body,
    headers: { "content-type": CONTENT_TYPE, "cache-control": maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}, no-transform, must-revalidate` : "no-cache", ...extra },
    outcome,
  });
  // RFC 5019: only GET answers are for shared caches. A POST answer (the same signed bytes) is
  // marked no-store, so no proxy keeps it and no client reuses it beyond the request.
  const postHeaders: Record<string, string> = Object.freeze({ "content-type": CONTENT_TYPE, "cache-control": "no-store" });
  const fail = (status: "malformedRequest" | "unauthorized" | "internalError") => respond(ocspErrorResponse(status), status);

  async function signFor(signer: LoadedEntity, items: Array<{ certIdRaw: Buffer; status: CertStatus }>, nonce?: Buffer) {
    const now = wholeSeconds(o.clock.now());
    const nextUpdate = new Date(now.getTime() + validityMs);
    const der = await signOcspResponse(signer, now, items.map((i) => ({ ...i, thisUpdate: now, nextUpdate })), nonce);
    return { der, thisUpdate: now, nextUpdate, certStatus: items.length === 1 ? items[0]!.status.status : undefined };
  }

  /**
   * The GET headers of a signed response as of one whole second: max-age and Expires move only
   * when the second does, ETag and Last-Modified never, so every answer of that response within the
   * second shares one frozen object (no hashing, date formatting or object building per request;
   * the transport may key its own per-object work on it). Weak: dropped with the response.
   */
  const getHeaders = new WeakMap<Buffer, { second: number; etag: string; lastModified: string; headers: Readonly<Record<string, string>> }>();
  /**
   * A pre-signed response as HTTP. GET (RFC 5019): cacheable by CDNs for max-age = the time to
   * nextUpdate, capped by cdnMaxAgeSeconds, with ETag, Last-Modified (thisUpdate) and Expires.
   * Expires is now + max-age, not nextUpdate as RFC 5019 suggests: an HTTP/1.0 cache reads only
   * Expires, and with nextUpdate (a day away) it would serve a revoked certificate as good for a
   * day whatever the cap says. POST: the same bytes, not cacheable (see postHeaders).
   */
  function httpFor(p: PresignedResponse, viaGet: boolean, nowMs: number): OcspHttpResponse {
    const outcome = p.certStatus ?? "successful";
    if (!viaGet) return { status: 200, contentType: CONTENT_TYPE, body: p.der, headers: postHeaders, outcome };
    const second = Math.floor(nowMs / 1000);
    let memo = getHeaders.get(p.der);
    if (!memo || memo.second !== second) {
      const etag = memo?.etag ?? `"${createHash("sha1").update(p.der).digest("hex")}"`;
      const lastModified = memo?.lastModified ?? p.thisUpdate.toUTCString();
      const maxAge = Math.max(0, Math.min(Math.floor(p.nextUpdate.getTime() / 1000) - second, cdnMaxAgeSeconds));
      const headers = Object.freeze({ ...respond(p.der, outcome, maxAge).headers, "last-modified": lastModified, etag, expires: new Date((second + maxAge) * 1000).toUTCString() });
      memo = { second, etag, lastModified, headers };
      getHeaders.set(p.der, memo);
    }
    return { status: 200, contentType: CONTENT_TYPE, body: p.der, headers: memo.headers, outcome };
  }

  /**
   * After a status change: the cached responses stop being served at once (a request meanwhile
   * is answered from the status lookup), then the certificate's responses, SHA-1 and SHA-256
   * CertID (and SM3 under an SM2 CA), are signed with the new status and stored. Two signatures
   * (three), whatever was asked before.
   */
  async function onStatusChanged(issuerId: string, serialHex: string): Promise<void> {
    const signer = o.hierarchy.ocspSigners.get(issuerId);
    const hashes = issuerHashes.get(issuerId);
    if (!signer || !hashes) throw new CaError("ISSUER_UNAVAILABLE", `no OCSP signer for ${issuerId}`);
    await cache.delete(issuerId, serialHex);
    const status = await o.status.statusOf(issuerId, serialHex);
    const responses: PresignedEntry["responses"] = {};
    if (status.status !== "unknown") {
      for (const [hash, h] of Object.entries(hashes) as Array<[CertIdHash, { nameHash: Buffer; keyHash: Buffer }]>) {
        const { nameHash, keyHash } = h;
        responses[hash] = await signFor(signer, [{ certIdRaw: encodeCertId(hash, nameHash, keyHash, serialHex), status }]);
      }
    }
    await cache.set({ issuerId, serialHex, responses });
  }

  /**
   * For a background sweeper over the persisted cache: re-signs the entry when any of its
   * responses has passed its refresh point, so responses never expire without traffic.
   * Returns true when it re-signed.
   */
  async function refreshIfDue(entry: PresignedEntry): Promise<boolean> {
    const now = epochMs(o.clock);
    const due = presignedResponses(entry).some((r) => now >= r.thisUpdate.getTime() + refreshMs || now >= r.nextUpdate.getTime());
    if (due) await onStatusChanged(entry.issuerId, entry.serialHex);
    return due;
  }

  /** The entry's response for this hash when it may still be served (before its refresh point and its nextUpdate). */
  function servable(entry: PresignedEntry | undefined, hash: CertIdHash, now: number): PresignedResponse | undefined {
    const cached = entry?.responses[hash];
    return cached && now < cached.thisUpdate.getTime() + refreshMs && now < cached.nextUpdate.getTime() ? cached : undefined;
  }

  async function answerOne(id: RequestedCertId, viaGet: boolean): Promise<OcspHttpResponse> {
    const found = issuerOf(id);
    if (!found || !id.hash) return fail("unauthorized");
    const hash = id.hash;
    const issuerId = found.issuer.entity.id;
    const entry = await cache.get(issuerId, id.serialHex);
    const now = epochMs(o.clock);
    const cached = servable(entry, hash, now);
    if (cached) return httpFor(cached, viaGet, now);
    const status = await o.status.statusOf(issuerId, id.serialHex);
    const fresh = await signFor(found.signer, [{ certIdRaw: canonicalCertId({ ...id, hash }), status }]);
    // Unknown serials are answered but never cached: random serials must not fill the cache.
    // Stored only if nothing replaced the entry meanwhile: a status change that ran while this
    // request read the old status must not be overwritten by it.
    if (status.status !== "unknown" && (await cache.get(issuerId, id.serialHex)) === entry) {
      await cache.set({ issuerId, serialHex: id.serialHex, responses: { ...(entry?.responses ?? {}), [hash]: fresh } });
    }
    return httpFor(fresh, viaGet, epochMs(o.clock));
  }

  /**
   * The request's bytes, bounded and parsed: what both answers start from. `answer` when the
   * request is refused before any lookup (too long, not base64, not an OCSP request).
   */
  function prepare(input: Uint8Array | string): { answer: OcspHttpResponse } | { req: ParsedOcspRequest; viaGet: boolean } {
    let der: Buffer;
    if (typeof input === "string") {
      if (input.length > maxBytes * 2) return { answer: { ...fail("malformedRequest"), status: 414 } };
      const decoded = decodeGetPath(input);
      if (!decoded) return { answer: fail("malformedRequest") };
      der = decoded;
    } else {
      der = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    }
    if (der.length > maxBytes) return { answer: { ...fail("malformedRequest"), status: 413 } };
    try {
      return { req: parseOcspRequest(der, limits), viaGet: typeof input === "string" };
    } catch {
      return { answer: fail("malformedRequest") };
    }
  }

  /** One CertID and no nonce to echo: the request a pre-signed response can answer. */
  const presignable = (req: ParsedOcspRequest) => req.certIds.length === 1 && !(o.nonce && req.nonce);
  /**
   * What the single-CertID requests seen so far ask, by their bytes (request-memo.ts): the hot
   * path skips the parse and the issuer lookup for a request it has already seen. The issuers are
   * fixed for this responder's life, so a remembered resolution never goes stale.
   */
  const memo = requestMemo();

  async function handleRequest(input: Uint8Array | string): Promise<OcspHttpResponse> {
    const prepared = prepare(input);
    if ("answer" in prepared) return prepared.answer;
    const { req, viaGet } = prepared;
    try {
      if (presignable(req)) return await answerOne(req.certIds[0]!, viaGet);
      // Several CertIDs, or a nonce to echo: one freshly signed response.
      const items: Array<{ certIdRaw: Buffer; status: CertStatus }> = [];
      let signer: LoadedEntity | undefined;
      for (const id of req.certIds) {
        const found = issuerOf(id);
        if (!found || !id.hash || (signer && signer !== found.signer)) return fail("unauthorized");
        signer = found.signer;
        items.push({ certIdRaw: canonicalCertId({ ...id, hash: id.hash }), status: await o.status.statusOf(found.issuer.entity.id, id.serialHex) });
      }
      const fresh = await signFor(signer!, items, o.nonce ? req.nonce : undefined);
      return respond(fresh.der, items.length === 1 ? items[0]!.status.status : "multiple");
    } catch {
      return fail("internalError");
    }
  }

  /**
   * handleRequest's answer when it needs no waiting, else undefined (then call handleRequest):
   * a refusal decided from the bytes alone, or a pre-signed response the cache holds in memory and
   * may still serve. The same answer handleRequest would give, byte for byte. Why it exists: the
   * server's hot path answers almost every request from here without creating a promise, and in
   * a process that tracks async context (Next's AsyncLocalStorage) each promise costs hook calls.
   */
  function answerFromCache(input: Uint8Array | string): OcspHttpResponse | undefined {
    const recalled = memo.recall(input);
    let asked: ResolvedRequest;
    if ("hit" in recalled) asked = recalled.hit;
    else {
      const prepared = prepare(input);
      if ("answer" in prepared) return prepared.answer;
      const { req } = prepared;
      if (!presignable(req)) return undefined;
      const id = req.certIds[0]!;
      const found = issuerOf(id);
      if (!found || !id.hash) return fail("unauthorized");
      asked = { issuerId: found.issuer.entity.id, serialHex: id.serialHex, hash: id.hash };
      memo.remember(input, recalled.key, asked);
    }
    const entry = cache.get(asked.issuerId, asked.serialHex);
    // A cache that answers asynchronously (a database behind it) is for handleRequest.
    if (entry instanceof Promise) return undefined;
    const now = epochMs(o.clock);
    const cached = servable(entry, asked.hash, now);
    return cached ? httpFor(cached, typeof input === "string", now) : undefined;
  }

  return { handleRequest, answerFromCache, onStatusChanged, refreshIfDue };
}

export type OcspResponder = ReturnType<typeof createOcspResponder>;

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/**
 * RFC 5019 GET: the path segment is the URL-encoded base64 of the DER request (base64url
 * accepted too). Undefined when it is not base64: Buffer.from would skip the odd characters.
 */
export function decodeGetPath(segment: string): Buffer | undefined {
  let s = segment;
  // Most clients escape "+", "/" and "="; a request without any escape needs no decoding pass.
  if (s.includes("%")) {
    try {
      s = decodeURIComponent(segment);
    } catch {
      return undefined;
    }
  }
  if (!BASE64.test(s)) return undefined;
  // Node's base64 decoder reads the URL-safe alphabet ("-", "_") as well: no rewriting first.
  return Buffer.from(s, "base64");
}
