import type { IncomingHttpHeaders } from "node:http";

/**
 * The pages a rendered copy may be kept of: read far more than they change, with no side effect
 * of their rendering (no audited read, no token issued) and no query string to vary them. The
 * public pages change only on publication; the dashboard and the RA queue are the pages every
 * subscriber and officer opens first (issue 16's targets). Anything else is always rendered.
 */
export const CACHED_PAGES: ReadonlySet<string> = new Set(["/", "/agreement", "/fees", "/repository", "/query", "/privacy-policy", "/dashboard", "/ra"]);

// Requests Next answers with something other than the page's HTML document: the client router's
// RSC payloads and prefetches, and server actions.
const NEXT_PROTOCOL_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch", "next-action", "next-url"] as const;

/** Whether a request is one whose answer may come from, or go into, the cache. */
export function isCacheableRequest(method: string | undefined, url: string | undefined, headers: IncomingHttpHeaders): boolean {
  if (method !== "GET" || !url || !CACHED_PAGES.has(url)) return false;
  for (const name of NEXT_PROTOCOL_HEADERS) if (headers[name] !== undefined) return false;
  return true;
}

/**
 * What a rendered copy is kept under. Everything a page's HTML may depend on besides the data:
 * the path, the host, every cookie (the session, the language choice; a different session is a
 * different entry, so one person's page never reaches another) and the languages the browser
 * asks for. No hashing: a Map compares the strings exactly.
 */
export function cacheKeyOf(url: string, headers: IncomingHttpHeaders): string {
  return `${url}\n${headers.host ?? ""}\n${headers.cookie ?? ""}\n${headers["accept-language"] ?? ""}`;
}

/** Headers never replayed from a stored answer: Node writes its own, or they describe one transfer. */
export const PER_TRANSFER_HEADERS: ReadonlySet<string> = new Set(["content-length", "date", "connection", "keep-alive", "transfer-encoding", "x-portal-page-cache"]);

/**
 * Whether an answer may be stored: a whole 200 HTML page, sent unencoded, setting no cookie (a
 * cookie belongs to one answer), carrying the nonce its scripts were given.
 */
export function isStorableAnswer(status: number, headers: Record<string, unknown>, nonce: string | null): boolean {
  const type = headers["content-type"];
  return (
    status === 200 &&
    typeof type === "string" &&
    type.startsWith("text/html") &&
    headers["set-cookie"] === undefined &&
    headers["content-encoding"] === undefined &&
    nonce !== null
  );
}
