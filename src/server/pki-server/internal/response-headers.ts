import { LEAN_PATH_HEADER } from "../lean-path-header";
import { PKI_SECURITY_HEADERS } from "./security-headers";

type Headers = Readonly<Record<string, string>>;

/**
 * The lean path's whole header set for one answer: the answer's own headers, the static security
 * headers, the lean mark and the body's length. The OCSP engine hands every answer of a
 * pre-signed response the same frozen header object (POST always, GET within one second), so the
 * merged set is built once per such object and length, not once per request: at thousands of
 * answers a second the copying showed in the profile. A header object that is not frozen may be
 * one of a kind (an error text, a CRL): merged afresh and not kept, so nothing accumulates.
 */
const merged = new WeakMap<Headers, { length: number; status: number; headers: Headers }>();

export function responseHeaders(status: number, own: Headers, bodyLength: number): Headers {
  const kept = merged.get(own);
  if (kept && kept.length === bodyLength && kept.status === status) return kept.headers;
  const headers: Record<string, string> = { ...PKI_SECURITY_HEADERS, ...own, [LEAN_PATH_HEADER]: "lean" };
  // A 304 has no body and says nothing of its length (the cached answer's is the one that counts).
  if (status !== 304) headers["content-length"] = String(bodyLength);
  Object.freeze(headers);
  if (Object.isFrozen(own)) merged.set(own, { length: bodyLength, status, headers });
  return headers;
}
