import type { NonceTemplate } from "./nonce";

/** One rendered page as stored: its answer cut at the nonce, and what it is valid for. */
export interface StoredPage {
  status: number;
  /** The answer's headers (lower-case names), the per-transfer ones left out; the policy as a template. */
  headers: Record<string, string | string[]>;
  policy: NonceTemplate;
  body: NonceTemplate;
  /** The data version read before the page was rendered: a change heard since makes it stale. */
  version: number;
  /** Epoch ms after which it is rendered again whatever happened (time moves pages too: deadlines, countdowns). */
  expiresAt: number;
  bytes: number;
}

/**
 * A bounded store, least recently used out first: at most maxBytes of pages in all (a Map keeps
 * insertion order; a hit moves its page to the end). Keys hold cookies, so one visitor filling it
 * with sessions of their own only evicts, never reads, another's pages.
 */
export class PageStore {
  readonly #pages = new Map<string, StoredPage>();
  #bytes = 0;
  constructor(private readonly maxBytes: number) {}

  /** A page still valid for this version at this instant; stale ones are dropped on the way. */
  get(key: string, version: number, now: number): StoredPage | undefined {
    const page = this.#pages.get(key);
    if (!page) return undefined;
    this.#pages.delete(key);
    if (page.version !== version || page.expiresAt <= now) {
      this.#bytes -= page.bytes;
      return undefined;
    }
    this.#pages.set(key, page);
    return page;
  }

  set(key: string, page: StoredPage): void {
    if (page.bytes > this.maxBytes) return;
    const old = this.#pages.get(key);
    if (old) {
      this.#pages.delete(key);
      this.#bytes -= old.bytes;
    }
    this.#pages.set(key, page);
    this.#bytes += page.bytes;
    for (const [k, p] of this.#pages) {
      if (this.#bytes <= this.maxBytes) break;
      this.#pages.delete(k);
      this.#bytes -= p.bytes;
    }
  }

  get size(): number {
    return this.#pages.size;
  }

  get bytes(): number {
    return this.#bytes;
  }
}
