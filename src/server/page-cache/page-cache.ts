import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { dataChangesLive, dataVersion, noteDataChanged } from "@/db";
import { newNonce } from "@/domain/http";
import { recordPageCacheRequest } from "@/server/metrics";
import { cacheKeyOf, isCacheableRequest, isStorableAnswer, PER_TRANSFER_HEADERS } from "./internal/cacheable";
import { fill, nonceOf, templateOf } from "./internal/nonce";
import { PageStore, type StoredPage } from "./internal/page-store";

/**
 * Where scripts/page-cache.cjs (preloaded into `next start` by scripts/start.mjs) looks for the
 * handler. A global symbol, as for the PKI fast path: the preload is CommonJS outside the bundles.
 */
export const PAGE_CACHE_KEY = Symbol.for("portal.page-cache");

/**
 * Answers a request from the cache, or takes it to answer once the page it waits for is rendered
 * (true: the preload does nothing more; `next` hands it to Next later if that render cannot be
 * kept), or lets it go on to Next now (false), watching what Next answers.
 */
export type PageCacheHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => boolean;

export interface PageCacheOptions {
  /** How long a rendered page may be answered from, at most (ms). */
  ttlMs: number;
  /** All stored pages together, at most (bytes). */
  maxBytes?: number;
  now?: () => number;
}

/** The header that says where an answer came from ("hit": the cache; "miss": rendered, then stored if it may be). */
export const PAGE_CACHE_HEADER = "x-portal-page-cache";

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

/**
 * A cache of rendered pages in front of Next (issue 16: a signed-in dashboard rendered on every
 * request costs 40-60 ms of CPU, a stored one well under one). It is correct because of three rules:
 * - a page is stored under the data version read *before* Next rendered it, and answered only
 *   while the version is unchanged: every committed change of the data pages show is announced by
 *   the database (src/db/data-changes.ts), on PostgreSQL from every instance;
 * - a write request (anything but GET/HEAD) finishing on this process counts as a change at once,
 *   so the page a person is sent to after their own action never predates it, even before the
 *   database's announcement arrives;
 * - nothing is answered from the cache while changes are not heard (the PostgreSQL listening
 *   session is down), and nothing is kept longer than ttlMs (time moves pages: deadlines).
 * The key holds every cookie, so a page is only ever answered to the session it was rendered for;
 * each answer gets a fresh CSP nonce.
 */
export function createPageCache(options: PageCacheOptions): { handle: PageCacheHandler; store: PageStore } {
  const now = options.now ?? Date.now;
  const store = new PageStore(options.maxBytes ?? DEFAULT_MAX_BYTES);

  // Renders under way, by key: requests for the same page of the same data wait for that one render
  // instead of each starting their own (when a page expires under load, twenty connections would
  // otherwise render it twenty times at once).
  const rendering = new Map<string, { version: number; waiting: Array<{ res: ServerResponse; next: () => void }> }>();

  const handle: PageCacheHandler = (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.once("finish", noteDataChanged);
      return false;
    }
    if (!isCacheableRequest(req.method, req.url, req.headers)) return false;
    if (!dataChangesLive()) {
      recordPageCacheRequest("unheard");
      return false;
    }
    const key = cacheKeyOf(req.url!, req.headers);
    const version = dataVersion();
    const page = store.get(key, version, now());
    if (page) {
      answer(res, page);
      recordPageCacheRequest("hit");
      return true;
    }
    const underway = rendering.get(key);
    if (underway && underway.version === version) {
      underway.waiting.push({ res, next });
      recordPageCacheRequest("waited");
      return true;
    }
    recordPageCacheRequest("miss");
    const mine = { version, waiting: [] as Array<{ res: ServerResponse; next: () => void }> };
    rendering.set(key, mine);
    capture(req, res, (stored) => {
      if (rendering.get(key) === mine) rendering.delete(key);
      // Called from inside Next's end of the first request: a fault with one waiting request must
      // neither reach that answer nor leave the other waiting requests unanswered.
      const each = (serve: (w: { res: ServerResponse; next: () => void }) => void) => {
        for (const w of mine.waiting) {
          try {
            serve(w);
          } catch {
            if (!w.res.headersSent) w.res.destroy();
          }
        }
      };
      if (!stored) {
        each((w) => w.next());
        return;
      }
      const kept: StoredPage = { ...stored, version, expiresAt: now() + options.ttlMs };
      store.set(key, kept);
      each((w) => answer(w.res, kept));
    });
    return false;
  };
  return { handle, store };
}

function answer(res: ServerResponse, page: StoredPage): void {
  const nonce = newNonce();
  const body = fill(page.body, nonce);
  res.writeHead(page.status, {
    ...page.headers,
    "content-security-policy": fill(page.policy, nonce),
    "content-length": Buffer.byteLength(body),
    [PAGE_CACHE_HEADER]: "hit",
  });
  res.end(body);
}

type Captured = Omit<StoredPage, "version" | "expiresAt">;

/**
 * Lets Next answer, keeping a copy of what it sends. The request's Accept-Encoding is dropped so
 * that Next sends the page unencoded (its compression would otherwise hand over gzip bytes, which
 * cannot be re-nonced); answers from the cache are unencoded too (a proxy in front may compress).
 */
function capture(req: IncomingMessage, res: ServerResponse, settle: (page: Captured | null) => void): void {
  let settled = false;
  const done = (page: Captured | null) => {
    if (settled) return;
    settled = true;
    settle(page);
  };
  // A render that never ends (the client went away and Next stopped) releases whoever waits for it.
  res.once("close", () => done(null));
  delete req.headers["accept-encoding"];
  res.setHeader(PAGE_CACHE_HEADER, "miss");
  const chunks: Buffer[] = [];
  let head: { status: number; headers: OutgoingHttpHeaders } | undefined;
  const writeHead = res.writeHead;
  const write = res.write;
  const end = res.end;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === "function") return;
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : Buffer.from(chunk as Uint8Array));
  };
  // writeHead may be given headers that never reach getHeaders(): merge them as Node would send them.
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    const given = rest.find((r) => r !== null && typeof r === "object") as OutgoingHttpHeaders | string[] | undefined;
    head = { status, headers: { ...this.getHeaders(), ...headersOf(given) } };
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse["write"];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk, rest[0]);
    const result = (end as (...a: unknown[]) => ServerResponse).call(this, chunk, ...rest);
    const status = head?.status ?? this.statusCode;
    const headers = lowerCased(head?.headers ?? this.getHeaders());
    const nonce = nonceOf(headers["content-security-policy"]);
    if (!isStorableAnswer(status, headers, nonce)) {
      done(null);
      return result;
    }
    const text = Buffer.concat(chunks).toString("utf8");
    const kept: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(headers)) {
      if (PER_TRANSFER_HEADERS.has(name) || name === "content-security-policy" || value === undefined) continue;
      kept[name] = Array.isArray(value) ? value.map(String) : String(value);
    }
    done({
      status,
      headers: kept,
      policy: templateOf(String(headers["content-security-policy"]), nonce!),
      body: templateOf(text, nonce!),
      bytes: Buffer.byteLength(text) * 2,
    });
    return result;
  } as ServerResponse["end"];
}

function headersOf(given: OutgoingHttpHeaders | string[] | undefined): OutgoingHttpHeaders {
  if (!given) return {};
  if (!Array.isArray(given)) return given;
  const out: OutgoingHttpHeaders = {};
  for (let i = 0; i + 1 < given.length; i += 2) out[given[i]!] = given[i + 1];
  return out;
}

function lowerCased(headers: OutgoingHttpHeaders): Record<string, OutgoingHttpHeaders[string]> {
  const out: Record<string, OutgoingHttpHeaders[string]> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}

/** Called by the bootstrap start once the database is open: from then on the preload consults the cache. */
export function registerPageCache(handler: PageCacheHandler): void {
  (globalThis as { [key: symbol]: unknown })[PAGE_CACHE_KEY] = handler;
}

/** Tests and shutdown: every page is rendered again. */
export function unregisterPageCache(): void {
  delete (globalThis as { [key: symbol]: unknown })[PAGE_CACHE_KEY];
}
