import type { IncomingMessage, ServerResponse } from "node:http";
import { INPUT_SIZE_LIMITS } from "@/ca/asn1/limits";
import { OCSP_REQUEST_LIMITS } from "@/ca/ocsp/ocsp-request";
import { answerOcspNow, servePki, type PkiHttpResponse } from "@/server/ca-service";
import { logger } from "@/server/core";
import { readBodyPrefixThen } from "./internal/read-body";
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
 * body read, 405, 408) and the static security headers. False, having touched nothing, for a
 * request that is not a PKI endpoint (the caller hands it on); true when it has taken the request
 * (answered, or to be answered when the body or servePki's answer comes). Never throws: a failure
 * is a 503 (servePki's own), never a 500.
 *
 * An OCSP request the responder can answer at once (answerOcspNow: a pre-signed response in
 * memory, or a refusal decided from the bytes) is answered without a promise: a GET before this
 * returns, a POST when its body has arrived. That is nearly every OCSP request, and in the Next
 * process every promise costs async-context hook calls. The rest go through servePki.
 */
export function handlePkiRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const route = matchPkiRoute(req.method, req.url);
  if (!route) return false;
  try {
    switch (route.kind) {
      case "method-not-allowed":
        send(res, text(405, "method not allowed\n", { allow: route.allow }), announcesBody(req));
        return true;
      case "ocsp-get": {
        const ocsp = { kind: "ocsp", request: route.request, ifNoneMatch: req.headers["if-none-match"] } as const;
        const now = answerOcspNow(ocsp);
        if (now) send(res, now, announcesBody(req));
        else answerLater(res, route.kind, servePki(ocsp), announcesBody(req));
        return true;
      }
      case "ocsp-post":
        readBody(req, res, OCSP_REQUEST_LIMITS.maxBytes, (body, truncated) => {
          const ocsp = { kind: "ocsp", request: body } as const;
          const now = answerOcspNow(ocsp);
          if (now) send(res, now, truncated);
          else answerLater(res, route.kind, servePki(ocsp), truncated);
        });
        return true;
      case "tsa":
        readBody(req, res, INPUT_SIZE_LIMITS.tsaRequest, (body, truncated) => {
          answerLater(res, route.kind, servePki({ kind: "tsa", body, contentType: req.headers["content-type"] ?? null }), truncated);
        });
        return true;
      case "crl":
        answerLater(res, route.kind, servePki({ kind: "crl", caId: route.caId, file: route.file }), announcesBody(req));
        return true;
      case "ca":
        answerLater(res, route.kind, servePki({ kind: "ca", file: route.file }), announcesBody(req));
        return true;
    }
  } catch (e) {
    failed(res, route.kind, e);
    return true;
  }
}

function failed(res: ServerResponse, kind: string, e: unknown): void {
  log.error({ err: e instanceof Error ? e.name : "unknown", kind }, "lean PKI request failed");
  send(res, text(503, "temporarily unavailable\n", { "retry-after": "30" }), true);
}

/** An answer servePki is still working on: sent when it comes (servePki never rejects; if it did, a 503). */
function answerLater(res: ServerResponse, kind: string, answer: Promise<PkiHttpResponse>, close: boolean): void {
  answer.then(
    (r) => send(res, r, close),
    (e: unknown) => failed(res, kind, e),
  );
}

/**
 * Reads an OCSP or timestamp body, one byte past the engine's `limit` (as readOcspBody and
 * readTsaBody do: the engine answers 413), and hands it on; `truncated`: not read to its end, so
 * the answer closes the connection rather than drain it. A body too slow is answered 408 and
 * closed here; an aborted one destroys the socket.
 */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number, then: (body: Buffer, truncated: boolean) => void): void {
  readBodyPrefixThen(req, limit + 1, PKI_BODY_TIMEOUT_MS, (read) => {
    if (!read.ok) {
      if (read.reason === "timeout") send(res, text(408, "request body too slow\n"), true);
      else res.destroy();
      return;
    }
    try {
      then(read.body, read.truncated);
    } catch (e) {
      failed(res, "body", e);
    }
  });
}
