import type { CertIdHash } from "./ocsp-request";

/** What a single-CertID request asks, once its bytes are parsed and its issuer found: all a pre-signed answer needs. */
export type ResolvedRequest = { readonly issuerId: string; readonly serialHex: string; readonly hash: CertIdHash };

/**
 * Requests longer than this are parsed every time and never remembered. A single-CertID request
 * without a nonce, the only kind remembered, is about 80 bytes (SHA-1) or 110 (SHA-256), and its
 * GET form about 150 characters; a longer one carries extensions or several CertIDs.
 */
export const MEMO_MAX_REQUEST_LENGTH = 512;

/** Requests remembered per form (POST bytes, GET path): about 1 MB each for typical requests, under 3 MB at the length bound. */
export const MEMO_MAX_ENTRIES = 4_096;

/**
 * The parse of OCSP requests already seen, by their exact bytes. Relying parties ask about the
 * same certificates over and over with byte-identical requests (RFC 5019 clients send no nonce),
 * and on the hot path the DER walk, the CertID hashing into hex and the issuer lookup were a
 * fifth of the work per answer. Only the parse is remembered, never an answer: the status is read
 * from the response cache on every request, so a revocation is served as soon as it is signed.
 *
 * Bounded by entry count and key length: a sender of endless distinct requests evicts entries
 * (first in, first out), costing one Map insertion per request, and cannot grow the memory.
 * POST bytes and GET text are kept apart, since the same characters mean different requests.
 */
export function requestMemo(maxEntries = MEMO_MAX_ENTRIES) {
  const posts = new Map<string, ResolvedRequest>();
  const gets = new Map<string, ResolvedRequest>();
  const keyOf = (input: Uint8Array | string): string | undefined => {
    if (typeof input === "string") return input.length <= MEMO_MAX_REQUEST_LENGTH ? input : undefined;
    return input.byteLength <= MEMO_MAX_REQUEST_LENGTH ? Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString("latin1") : undefined;
  };
  const mapOf = (input: Uint8Array | string) => (typeof input === "string" ? gets : posts);
  return {
    /** The remembered parse of these exact bytes, if any; `key` is for remember() after a miss. */
    recall(input: Uint8Array | string): { hit: ResolvedRequest } | { key: string | undefined } {
      const key = keyOf(input);
      const hit = key === undefined ? undefined : mapOf(input).get(key);
      return hit ? { hit } : { key };
    },
    remember(input: Uint8Array | string, key: string | undefined, resolved: ResolvedRequest): void {
      if (key === undefined) return;
      const m = mapOf(input);
      if (m.size >= maxEntries) m.delete(m.keys().next().value!);
      m.set(key, resolved);
    },
    size: () => posts.size + gets.size,
  };
}
