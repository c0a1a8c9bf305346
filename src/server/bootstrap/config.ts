import path from "node:path";

/**
 * Settings read from the environment in one place, at the edge. Library code below receives
 * values, it does not read process.env.
 */

/** Folder for the portal's own files (embedded database, generated secret, demo logins, mail drop). */
export function dataDir(): string {
  // Run-time location; keep the bundler from tracing the whole project through it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR ?? ".data");
}

/** Public base URL used in mailed links. Never taken from the request's Host header (link poisoning). */
export function portalUrl(): string {
  const raw = process.env.PORTAL_URL ?? process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? "3000"}`;
  return raw.replace(/\/+$/, "");
}

export function hotline(): string {
  return process.env.PORTAL_HOTLINE ?? "400-000-0000";
}

export function isEmbeddedDefault(): boolean {
  return !process.env.DATABASE_URL;
}

/**
 * How many reverse proxies in front of the portal append to X-Forwarded-For. The client address
 * used for rate limiting is taken that many entries from the right; 1 (the default) is right
 * for `next start` alone, which adds the socket address when the client sent no such header.
 */
export function trustedProxyHops(): number {
  const n = Number.parseInt(process.env.TRUSTED_PROXY_HOPS ?? "1", 10);
  return Number.isFinite(n) && n >= 1 ? n : 1;
}
