import type { IncomingMessage, ServerResponse } from "node:http";
import { INPUT_SIZE_LIMITS } from "@/ca/asn1/limits";
import { OCSP_REQUEST_LIMITS } from "@/ca/ocsp/ocsp-request";
import { servePki, type PkiHttpResponse } from "@/server/ca-service";
import { logger } from "@/server/core";
import { readBodyPrefix } from "./internal/read-body";
import { LEAN_PATH_HEADER } from "./lean-path-header";
import { responseHeaders } from "./internal/response-headers";
import { matchPkiRoute } from "./pki-route";

const log = logger.child({ area: "pki-server" });

export { LEAN_PATH_HEADER };

/**
 * How long an OCSP or timestamp request body may take to arrive. Both are a few hundred bytes
 * (at most 8 KiB and 4 KiB): even a slow mobile link sends them in well under a second. Past
 * this the sender is holding a connection open, not sending a request: 408, and the connection closes.
 */
export const PKI_BODY_TIMEOUT_MS = 10_000;

const text = (status: number, body: string, extra: Record<string, string> = {}): PkiHttpResponse => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...extra },
  body: Buffer.from(body),
});

/** A body announced that this answer does not read: the connection closes instead of reading it to the end for keep-alive. */
const announcesBody = (req: IncomingMessage) => req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] !== undefined && req.headers["content-length"] !== "0");

function send(res: ServerResponse, r: PkiHttpResponse, close: boolean): void {
  if (res.headersSent || res.destroyed) return;
  const headers = responseHeaders(r.status, r.headers, r.body.byteLength);
  res.writeHead(r.status, close ? { ...headers, connection: "close" } : headers);
  res.end(r.body);
}

/**
 * The PKI endpoints over node:http, outside Next's router and rendering: the answers are decided
 * by servePki (ca-service/pki-http.ts), the same call the Next route handlers under src/app/ca
 * make, so both paths give the same bytes and status; this adds only the transport (the bounded
 * body read, 405, 408) and the static security headers. Resolves false, having touched nothing,
 * for a request that is not a PKI endpoint (the caller hands it on); true once it has answered.
 * Never rejects: a failure is a 503 (servePki's own), never a 500.
 */
export async function handlePkiRequest(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const route = matchPkiRoute(req.method, req.url);
  if (!route) return false;
  try {
    switch (route.kind) {
      case "method-not-allowed":
        send(res, text(405, "method not allowed\n", { allow: route.allow }), announcesBody(req));
        return true;
      case "ocsp-get":
        send(res, await servePki({ kind: "ocsp", request: route.request, ifNoneMatch: req.headers["if-none-match"] }), announcesBody(req));
        return true;
      case "crl":
        send(res, await servePki({ kind: "crl", caId: route.caId, file: route.file }), announcesBody(req));
        return true;
      case "ca":
        send(res, await servePki({ kind: "ca", file: route.file }), announcesBody(req));
        return true;
      case "ocsp-post":
      case "tsa": {
        // One byte past the engine's limit, as readOcspBody/readTsaBody do: the engine answers 413.
        const limit = (route.kind === "tsa" ? INPUT_SIZE_LIMITS.tsaRequest : OCSP_REQUEST_LIMITS.maxBytes) + 1;
        const read = await readBodyPrefix(req, limit, PKI_BODY_TIMEOUT_MS);
        if (!read.ok) {
          if (read.reason === "timeout") send(res, text(408, "request body too slow\n"), true);
          else res.destroy();
          return true;
        }
        const answer =
          route.kind === "tsa"
            ? await servePki({ kind: "tsa", body: read.body, contentType: req.headers["content-type"] ?? null })
            : await servePki({ kind: "ocsp", request: read.body });
        // A truncated body was not read to its end: close rather than drain it.
        send(res, answer, read.truncated);
        return true;
      }
    }
  } catch (e) {
    log.error({ err: e instanceof Error ? e.name : "unknown", kind: route.kind }, "lean PKI request failed");
    send(res, text(503, "temporarily unavailable\n", { "retry-after": "30" }), true);
    return true;
  }
}
