// The OCSP responder, transport-free: the server passes request bytes (POST body, or the GET
// path segment of RFC 5019) and sends back what it gets. Responses are pre-signed per
// certificate and kept in a cache the server may persist; the hot path only looks them up.
// A response is re-signed when the server reports a status change (onStatusChanged) and when
// it passes its refresh point. Nonces get a freshly signed response only if enabled.
import { createHash } from "node:crypto";
import { NULL, children, contentOf, octetString, oid, readRoot, seq, unsignedInteger } from "../asn1/der";
import { OID } from "../asn1/oids";
import { wholeSeconds, type Clock } from "../clock";
import { CaError } from "../errors";
import type { Hierarchy, LoadedEntity } from "../hierarchy/hierarchy";
import { parseOcspRequest, type RequestedCertId } from "./ocsp-request";
import { ocspErrorResponse, signOcspResponse, type CertStatus } from "./ocsp-response";

export interface StatusLookup {
  /** Status of a certificate this issuer issued; "unknown" when there is no such serial. */
  statusOf(issuerId: string, serialHex: string): Promise<CertStatus>;
}

export interface PresignedResponse {
  der: Buffer;
  thisUpdate: Date;
  nextUpdate: Date;
}
/** Pre-signed responses of one certificate, keyed by the hex of the CertID they answer. */
export interface PresignedEntry {
  issuerId: string;
  serialHex: string;
  responses: Record<string, PresignedResponse>;
}
export interface OcspCache {
  get(issuerId: string, serialHex: string): PresignedEntry | undefined | Promise<PresignedEntry | undefined>;
  set(entry: PresignedEntry): void | Promise<void>;
}

export interface OcspHttpResponse {
  status: number;
  contentType: string;
  body: Buffer;
  headers: Record<string, string>;
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
  maxRequestBytes?: number;
  maxCertIdsPerRequest?: number;
}

export function memoryOcspCache(): OcspCache & { size(): number; entries(): PresignedEntry[] } {
  const m = new Map<string, PresignedEntry>();
  return {
    get: (i, s) => m.get(`${i}/${s}`),
    set: (e) => void m.set(`${e.issuerId}/${e.serialHex}`, e),
    size: () => m.size,
    entries: () => [...m.values()],
  };
}

const HASHES: Record<string, string> = { [OID.sha1]: "sha1", [OID.sha256]: "sha256" };
const CONTENT_TYPE = "application/ocsp-response";

export function createOcspResponder(o: OcspResponderOptions) {
  const validityMs = (o.validitySeconds ?? 86_400) * 1000;
  const refreshMs = (o.refreshAfterSeconds ?? (o.validitySeconds ?? 86_400) / 2) * 1000;
  const maxBytes = o.maxRequestBytes ?? 8192;
  const maxIds = o.maxCertIdsPerRequest ?? 10;
  const cache = o.cache ?? memoryOcspCache();

  // (hash OID, issuerNameHash, issuerKeyHash) -> issuing CA with a delegated signer
  const issuers = new Map<string, { issuer: LoadedEntity; signer: LoadedEntity }>();
  const standardCertIds = new Map<string, Array<(serial: Buffer) => Buffer>>();
  for (const [issuerId, signer] of o.hierarchy.ocspSigners) {
    const issuer = o.hierarchy.byId.get(issuerId);
    if (!issuer) continue;
    const spki = issuer.parts.spki;
    const keyBits = contentOf(spki, children(spki, readRoot(spki))[1]!).subarray(1);
    const builders: Array<(serial: Buffer) => Buffer> = [];
    for (const [hashOid, name] of Object.entries(HASHES)) {
      const nameHash = createHash(name).update(issuer.parts.subjectName).digest();
      const keyHash = createHash(name).update(keyBits).digest();
      issuers.set(`${hashOid}/${nameHash.toString("hex")}/${keyHash.toString("hex")}`, { issuer, signer });
      builders.push((serial) => certIdDer(hashOid, nameHash, keyHash, serial));
    }
    standardCertIds.set(issuerId, builders);
  }

  const respond = (body: Buffer, maxAgeSeconds = 0, extra: Record<string, string> = {}): OcspHttpResponse => ({
    status: 200,
    contentType: CONTENT_TYPE,
    body,
    headers: { "content-type": CONTENT_TYPE, "cache-control": maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}, no-transform, must-revalidate` : "no-cache", ...extra },
  });
  const fail = (status: "malformedRequest" | "unauthorized" | "internalError") => respond(ocspErrorResponse(status));

  async function signFor(signer: LoadedEntity, items: Array<{ certIdRaw: Buffer; status: CertStatus }>, nonce?: Buffer) {
    const now = wholeSeconds(o.clock.now());
    const nextUpdate = new Date(now.getTime() + validityMs);
    const der = await signOcspResponse(signer, now, items.map((i) => ({ ...i, thisUpdate: now, nextUpdate })), nonce);
    return { der, thisUpdate: now, nextUpdate };
  }

  // Header values that never change for a given signed response, computed once (hot path).
  const fixedHeaders = new WeakMap<Buffer, Record<string, string>>();
  function httpFor(p: PresignedResponse): OcspHttpResponse {
    const now = o.clock.now().getTime();
    let fixed = fixedHeaders.get(p.der);
    if (!fixed) {
      fixed = { "last-modified": p.thisUpdate.toUTCString(), expires: p.nextUpdate.toUTCString(), etag: `"${createHash("sha1").update(p.der).digest("hex")}"` };
      fixedHeaders.set(p.der, fixed);
    }
    return respond(p.der, Math.max(0, Math.floor((p.nextUpdate.getTime() - now) / 1000)), fixed);
  }

  /** Re-signs every response cached for this certificate (and the standard SHA-1/SHA-256 ones). */
  async function onStatusChanged(issuerId: string, serialHex: string): Promise<void> {
    const signer = o.hierarchy.ocspSigners.get(issuerId);
    if (!signer) throw new CaError("ISSUER_UNAVAILABLE", `no OCSP signer for ${issuerId}`);
    const status = await o.status.statusOf(issuerId, serialHex);
    const entry = (await cache.get(issuerId, serialHex)) ?? { issuerId, serialHex, responses: {} };
    const serial = Buffer.from(serialHex.length % 2 ? "0" + serialHex : serialHex, "hex");
    const certIds = new Set([...Object.keys(entry.responses), ...(standardCertIds.get(issuerId) ?? []).map((b) => b(serial).toString("hex"))]);
    const responses: Record<string, PresignedResponse> = {};
    if (status.status !== "unknown") {
      for (const hex of certIds) responses[hex] = await signFor(signer, [{ certIdRaw: Buffer.from(hex, "hex"), status }]);
    }
    await cache.set({ issuerId, serialHex, responses });
  }

  /**
   * For a background sweeper over the persisted cache: re-signs the entry when any of its
   * responses has passed its refresh point, so responses never expire without traffic.
   * Returns true when it re-signed.
   */
  async function refreshIfDue(entry: PresignedEntry): Promise<boolean> {
    const now = o.clock.now().getTime();
    const due = Object.values(entry.responses).some((r) => now >= r.thisUpdate.getTime() + refreshMs || now >= r.nextUpdate.getTime());
    if (due) await onStatusChanged(entry.issuerId, entry.serialHex);
    return due;
  }

  async function answerOne(id: RequestedCertId): Promise<OcspHttpResponse> {
    const found = issuers.get(`${id.hashOid}/${id.nameHash.toString("hex")}/${id.keyHash.toString("hex")}`);
    if (!found) return fail("unauthorized");
    const issuerId = found.issuer.entity.id;
    const key = id.raw.toString("hex");
    const entry = await cache.get(issuerId, id.serialHex);
    const cached = entry?.responses[key];
    const now = o.clock.now().getTime();
    if (cached && now < cached.thisUpdate.getTime() + refreshMs && now < cached.nextUpdate.getTime()) return httpFor(cached);
    const status = await o.status.statusOf(issuerId, id.serialHex);
    const fresh = await signFor(found.signer, [{ certIdRaw: id.raw, status }]);
    // Unknown serials are answered but not cached: random serials must not fill the cache.
    if (status.status !== "unknown") await cache.set({ issuerId, serialHex: id.serialHex, responses: { ...(entry?.responses ?? {}), [key]: fresh } });
    return httpFor(fresh);
  }

  async function handleRequest(input: Uint8Array | string): Promise<OcspHttpResponse> {
    let der: Buffer;
    if (typeof input === "string") {
      if (input.length > maxBytes * 2) return { ...fail("malformedRequest"), status: 414 };
      der = decodeGetPath(input);
    } else {
      der = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    }
    if (der.length > maxBytes) return { ...fail("malformedRequest"), status: 413 };
    let req;
    try {
      req = parseOcspRequest(der);
    } catch {
      return fail("malformedRequest");
    }
    if (req.certIds.length > maxIds) return fail("malformedRequest");
    try {
      if (req.certIds.length === 1 && !(o.nonce && req.nonce)) return await answerOne(req.certIds[0]!);
      // Several CertIDs, or a nonce to echo: one freshly signed response.
      const items: Array<{ certIdRaw: Buffer; status: CertStatus }> = [];
      let signer: LoadedEntity | undefined;
      for (const id of req.certIds) {
        const found = issuers.get(`${id.hashOid}/${id.nameHash.toString("hex")}/${id.keyHash.toString("hex")}`);
        if (!found || (signer && signer !== found.signer)) return fail("unauthorized");
        signer = found.signer;
        items.push({ certIdRaw: id.raw, status: await o.status.statusOf(found.issuer.entity.id, id.serialHex) });
      }
      const fresh = await signFor(signer!, items, o.nonce ? req.nonce : undefined);
      return respond(fresh.der);
    } catch {
      return fail("internalError");
    }
  }

  return { handleRequest, onStatusChanged, refreshIfDue };
}

export type OcspResponder = ReturnType<typeof createOcspResponder>;

function certIdDer(hashOid: string, nameHash: Buffer, keyHash: Buffer, serial: Buffer): Buffer {
  // Same shape OpenSSL sends: AlgorithmIdentifier with NULL parameters.
  return seq(seq(oid(hashOid), NULL), octetString(nameHash), octetString(keyHash), unsignedInteger(serial));
}

/** RFC 5019 GET: the path segment is the URL-encoded base64 of the DER request. */
export function decodeGetPath(segment: string): Buffer {
  let s = segment;
  try {
    s = decodeURIComponent(segment);
  } catch {
    /* keep as is */
  }
  return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}
