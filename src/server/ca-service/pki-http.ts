import { getDatabase } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { systemClock, type Clock, logger } from "@/server/core";
import { caOf } from "./wire-context";
import { currentCrl } from "./crl-publisher";

/** What a route handler sends: it only copies these into a Response. */
export interface PkiHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
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
  return { status: 200, headers: { ...crl.headers, "last-modified": crl.thisUpdate.toUTCString(), expires: crl.nextUpdate.toUTCString() }, body: crl.der };
}

/** POST /pki/ocsp (body) and GET /pki/ocsp/<base64 request> (RFC 5019). */
export async function serveOcsp(db: PrismaClient, request: Uint8Array | string): Promise<PkiHttpResponse> {
  const ca = await caOf(db)();
  const r = await ca.ocsp.handleRequest(request);
  return { status: r.status, headers: r.headers, body: r.body };
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

/** The one call a route handler makes: opens the process database and maps failures to 503. */
export async function servePki(
  route: { kind: "ca"; file: string } | { kind: "crl"; caId: string; file: string } | { kind: "ocsp"; request: Uint8Array | string } | { kind: "tsa"; body: Uint8Array; contentType: string | null },
): Promise<PkiHttpResponse> {
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
  return new Response(Uint8Array.from(r.body), { status: r.status, headers: r.headers });
}
