import type { IncomingMessage } from "node:http";

/**
 * The node:http twin of readBodyPrefix (ca-service/pki-http.ts): the first `limit` bytes of the
 * body, and nothing more is read, so an oversized body costs no more memory than the limit (the
 * callers pass one byte past the engine's limit, and the engine answers 413). An OCSP or
 * timestamp request is a few hundred bytes: a body still incomplete after `timeoutMs` is a slow
 * or endless sender holding the process, and gets "timeout" (the caller answers 408 and closes).
 */
export type BodyRead = { ok: true; body: Buffer; truncated: boolean } | { ok: false; reason: "timeout" | "aborted" };

export function readBodyPrefix(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyRead> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const finish = (result: BodyRead) => {
      clearTimeout(timer);
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onFail);
      req.off("aborted", onFail);
      req.off("close", onClose);
      // Stop reading what is left: the caller answers and closes the connection.
      if (!result.ok || result.truncated) req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total >= limit) finish({ ok: true, body: Buffer.concat(chunks).subarray(0, limit), truncated: true });
    };
    const onEnd = () => finish({ ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), truncated: false });
    const onFail = () => finish({ ok: false, reason: "aborted" });
    // "close" before "end": the client went away mid-body.
    const onClose = () => {
      if (!req.complete) onFail();
    };
    const timer = setTimeout(() => finish({ ok: false, reason: "timeout" }), timeoutMs);
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onFail);
    req.on("aborted", onFail);
    req.on("close", onClose);
  });
}
