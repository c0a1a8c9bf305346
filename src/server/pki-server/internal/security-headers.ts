import { STATIC_SECURITY_HEADERS } from "@/domain/http";

/**
 * The headers next.config.ts puts on every answer of Next (STATIC_SECURITY_HEADERS, in
 * src/domain/http so that the standalone responder reads them without loading Next or Auth.js),
 * as the plain lower-case record node:http takes.
 */
export const PKI_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(STATIC_SECURITY_HEADERS.map((h) => [h.key.toLowerCase(), h.value])),
);
