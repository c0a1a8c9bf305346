import { INPUT_SIZE_LIMITS } from "@/ca/asn1/limits";
import { OCSP_REQUEST_LIMITS } from "@/ca/ocsp/ocsp-request";
import { getDatabase, openedDatabase } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { systemClock, type Clock, logger } from "@/server/core";
import { recordPkiRequest } from "@/server/metrics";
import { openedCaService } from "./ca-service";
import { caOf } from "./wire-context";
import { currentCrl } from "./crl-publisher";

/** What a route handler sends: it only copies these into a Response. */
export interface PkiHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
  /** The metrics' label for this answer where the status code says too little (OCSP: good, revoked, malformedRequest, ...). */
  outcome?: string;
}

const log = logger.child({ area: "pki-http" });
const notFound = (): PkiHttpResponse => ({ status: 404, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }, body: Buffer.from("not found\n") });
const unavailable = (): PkiHttpResponse => ({ status: 503, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "30" }, body: Buffer.from("temporarily unavailable\n") });

const ENTITY_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** GET /pki/ca/<id>.cer — the AIA caIssuers URL in every certificate (DER, application/pkix-cert). */
export async function serveCaCertificate(db: PrismaClient, file: string): Promise<PkiHttpResponse> {
  const m = /^(.+)\.(cer|crt|der)$/.exec(file);
  if (!m || !ENTITY_ID.test(m[1]!)) return notFound();
  const row = await db.issuingCa.findUnique({ where: { name: m[1]! }, select: { certificateDer: true, role: true } });
  if (!row || (row.role !== "ROOT" && row.role !== "ISSUING")) return notFound();
  return { status: 200, headers: { "content-type": "application/pkix-cert", "cache-control": "public, max-age=86400" }, body: Buffer.from(row.certificateDer) };
}

/** GET /pki/crl/<caId>/<shard>.crl — the shard named in the certificate's CRL distribution point. */
export async function serveCrl(db: PrismaClient, caId: string, file: string, clock: Clock = systemClock): Promise<PkiHttpResponse> {
  const m = /^(\d{1,4})\.crl$/.exec(file);
  if (!m || !ENTITY_ID.test(caId)) return notFound();
  const ca = await caOf(db)();
  const entity = ca.hierarchy.byId.get(caId);
  const shard = Number(m[1]);
  if (!entity || (entity.entity.role !== "issuing" && entity.entity.role !== "root") || shard >= Math.max(1, entity.entity.crlShards)) return notFound();
  const crl = await currentCrl(db, ca, caId, shard, clock.now());
  // Expires comes with crl.headers, the same instant as its max-age (crlHttpHeaders).
  return { status: 200, headers: { ...crl.headers, "last-modified": crl.thisUpdate.toUTCString() }, body: crl.der };
}

/**
 * The first `limit` bytes of a request body; the rest is never read (the reader is cancelled), so
 * an oversized body costs no more memory than the limit. The caller's own size check refuses it.
 */
export async function readBodyPrefix(req: Request, limit: number): Promise<Uint8Array> {
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    if (total >= limit) await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

/** An OCSP POST body: one byte past the request limit is enough for the responder to answer 413. */
export const readOcspBody = (req: Request) => readBodyPrefix(req, OCSP_REQUEST_LIMITS.maxBytes + 1);

/** A timestamp request body, read the same way: the authority answers 413 past its limit. */
export const readTsaBody = (req: Request) => readBodyPrefix(req, INPUT_SIZE_LIMITS.tsaRequest + 1);

/** POST /pki/ocsp (body) and GET /pki/ocsp/<base64 request> (RFC 5019). */
export async function serveOcsp(db: PrismaClient, request: Uint8Array | string): Promise<PkiHttpResponse> {
  const ca = await caOf(db)();
  const r = await ca.ocsp.handleRequest(request);
  return { status: r.status, headers: r.headers, body: r.body, outcome: r.outcome };
}

/** POST /pki/tsa with application/timestamp-query (RFC 3161). `record: false` only for the self-test. */
export async function serveTimestamp(
  db: PrismaClient,
  body: Uint8Array,
  contentType: string | null,
  clock: Clock = systemClock,
  opts: { record: boolean } = { record: true },
): Promise<PkiHttpResponse> {
  if (contentType && !contentType.startsWith("application/timestamp-query")) {
    return { status: 415, headers: { "content-type": "text/plain; charset=utf-8" }, body: Buffer.from("expected application/timestamp-query\n") };
  }
  const ca = await caOf(db)();
  const r = await ca.timestampAuthority(clock, opts).handleTimestampRequest(body);
  return { status: r.status, headers: r.headers, body: r.body };
}

export type PkiRoute =
  | { kind: "ca"; file: string }
  | { kind: "crl"; caId: string; file: string }
  /** ifNoneMatch: the GET form's If-None-Match header, answered 304 when it names the answer's ETag. */
  | { kind: "ocsp"; request: Uint8Array | string; ifNoneMatch?: string }
  | { kind: "tsa"; body: Uint8Array; contentType: string | null };

/**
 * The one call a route handler (and the lean responder) makes: opens the process database, maps
 * failures to 503, and records the answer's kind, outcome and time for /metrics (synchronous,
 * microseconds: src/server/metrics).
 */
export async function servePki(route: PkiRoute): Promise<PkiHttpResponse> {
  const started = performance.now();
  return answered(route, await answerPki(route), started);
}

/**
 * servePki's answer to an OCSP request when it can be given at once, else undefined (then call
 * servePki): the database and the CA already open in this process, and the request refused from
 * its bytes or answered by a pre-signed response held in memory (the responder's
 * answerFromCache). Almost every OCSP request is one of those. Same bytes, headers and metrics as
 * servePki; what it saves is the chain of promises, each of which costs async-context hook calls
 * in a Next process, thousands of times a second.
 */
export function answerOcspNow(route: Extract<PkiRoute, { kind: "ocsp" }>): PkiHttpResponse | undefined {
  const started = performance.now();
  const db = openedDatabase();
  const ca = db && openedCaService(db.prisma);
  if (!ca) return undefined;
  let r;
  try {
    r = ca.ocsp.answerFromCache(route.request);
  } catch {
    // servePki says what went wrong (its 503 and its log line).
    return undefined;
  }
  return r && answered(route, { status: r.status, headers: r.headers, body: r.body, outcome: r.outcome }, started);
}

/** What every answer goes through last: the 304 for a matching GET, and the metrics. */
function answered(route: PkiRoute, answer: PkiHttpResponse, started: number): PkiHttpResponse {
  let r = answer;
  // Only the GET form is cacheable (RFC 5019); a POST answer has no ETag to match.
  if (route.kind === "ocsp" && route.ifNoneMatch !== undefined && typeof route.request === "string") r = notModifiedIfMatching(r, route.ifNoneMatch);
  recordPkiRequest(route.kind, r.outcome ?? String(r.status), (performance.now() - started) / 1000);
  return r;
}

/** Longer than any list of our ETags a cache would send (one is 42 characters): not split, not matched. */
const MAX_IF_NONE_MATCH_LENGTH = 1024;

/**
 * If-None-Match (RFC 9110 13.1.2), weak comparison as that section asks: "*" or any listed tag,
 * W/ or not, equal to `etag`. A header past MAX_IF_NONE_MATCH_LENGTH matches nothing (the full
 * answer is sent), so a client cannot make the server split kilobytes per request.
 */
export function ifNoneMatchMatches(header: string, etag: string): boolean {
  if (header === etag || header === "*") return true;
  if (header.length > MAX_IF_NONE_MATCH_LENGTH) return false;
  for (const part of header.split(",")) {
    const tag = part.trim();
    if (tag === etag || tag === `W/${etag}`) return true;
  }
  return false;
}

/** The caching headers a 304 repeats (RFC 9110 15.4.5): a CDN refreshes its copy's lifetime from them. */
const NOT_MODIFIED_HEADERS = ["cache-control", "etag", "last-modified", "expires"] as const;

/**
 * A CDN or client revalidating the GET answer it holds: when its ETag is the current answer's,
 * 304 with the same caching headers and no body (the signed bytes are not sent again).
 */
export function notModifiedIfMatching(r: PkiHttpResponse, ifNoneMatch: string): PkiHttpResponse {
  const etag = r.headers.etag;
  if (r.status !== 200 || !etag || !ifNoneMatchMatches(ifNoneMatch, etag)) return r;
  const headers: Record<string, string> = {};
  for (const name of NOT_MODIFIED_HEADERS) if (r.headers[name] !== undefined) headers[name] = r.headers[name];
  return { status: 304, headers, body: EMPTY, outcome: r.outcome };
}
const EMPTY = new Uint8Array(0);

async function answerPki(route: PkiRoute): Promise<PkiHttpResponse> {
  try {
    const { prisma } = await getDatabase();
    switch (route.kind) {
      case "ca":
        return await serveCaCertificate(prisma, route.file);
      case "crl":
        return await serveCrl(prisma, route.caId, route.file);
      case "ocsp":
        return await serveOcsp(prisma, route.request);
      case "tsa":
        return await serveTimestamp(prisma, route.body, route.contentType);
    }
  } catch (e) {
    log.error({ err: e instanceof Error ? e.name : "unknown", kind: route.kind }, "PKI request failed");
    return unavailable();
  }
}

/** Copies a PkiHttpResponse into a web Response (kept here so handlers stay one line). */
export function toResponse(r: PkiHttpResponse): Response {
  // A 304 must have a null body: the Response constructor refuses even an empty one.
  return new Response(r.status === 304 ? null : Uint8Array.from(r.body), { status: r.status, headers: r.headers });
}
