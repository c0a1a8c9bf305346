/*
 * The security headers src/proxy.ts gives every page: a Content-Security-Policy with a fresh
 * nonce per request, and HSTS when the portal is served over https. Pure functions, so the
 * policy is unit-tested; the proxy only generates the nonce and sets the headers. The headers
 * that never change (STATIC_SECURITY_HEADERS) go on every response, route handlers included,
 * through next.config.ts, since the proxy does not run for routes that take a request body.
 * One copy for every server that answers: the page cache joins each stored page with a newNonce(),
 * and the standalone PKI responder (node:http) sends STATIC_SECURITY_HEADERS too.
 *
 * How the nonce reaches the scripts: Next.js (16) reads the Content-Security-Policy *request*
 * header the proxy sets, takes the nonce from its script-src and puts it on every script it
 * renders (framework, page chunks, inline flight data). 'strict-dynamic' lets those scripts load
 * further chunks; host lists and 'self' are then ignored for scripts by browsers that know
 * 'strict-dynamic'. This needs dynamic rendering, which every page here already is (the layout
 * reads the locale cookie).
 */

export interface CspOptions {
  /** Development: React needs eval for its error overlays and stack reconstruction (never in production). */
  development?: boolean;
}

/** A fresh nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page policy. Beyond the nonce-based scripts:
 * - style-src 'unsafe-inline': styles cannot run code, and React and Next.js set inline style
 *   attributes (the route announcer, for one), which a nonce cannot cover (it applies to
 *   <style> elements only; with a nonce in style-src, 'unsafe-inline' would be ignored).
 * - img-src data: blob:: the seal sample uses a data: placeholder, and the upload preview an
 *   object URL of the chosen file.
 * - frame-src 'self': the RA console shows identity documents in a same-origin frame.
 * - no 'unsafe-eval' / 'wasm-unsafe-eval' in production: key generation and PKCS#12 reading in the
 *   browser use WebCrypto and plain JavaScript (pkijs, node-forge), no eval and no WebAssembly.
 */
export function contentSecurityPolicy(nonce: string, opts: CspOptions = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** One year, with subdomains: the usual value once https is known to work for the whole host. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Strict-Transport-Security, only when the configured portal URL is https: sent over plain http
 * (the embedded default on localhost) a browser ignores it at best, and at worst it pins a
 * developer's localhost to https for a year.
 */
export function strictTransportSecurity(portalUrl: string | undefined): string | null {
  if (!portalUrl) return null;
  try {
    return new URL(portalUrl).protocol === "https:" ? HSTS_VALUE : null;
  } catch {
    return null;
  }
}

/** The same for every response, set by next.config.ts `headers()` (no per-request value). */
export const STATIC_SECURITY_HEADERS: { key: string; value: string }[] = [
  // Verification and reset links carry their token in the query: never send it on as a Referer.
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  // No framing: sign-in and agreement acceptance must not be clickjacked.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];
