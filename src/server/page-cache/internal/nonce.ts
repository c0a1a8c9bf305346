import { randomBytes } from "node:crypto";

/**
 * Every page's Content-Security-Policy names a fresh nonce (src/server/web/security-headers.ts),
 * and Next puts it on each script of the HTML. A stored page is therefore kept cut at its nonce,
 * and each answer from it is joined with a new one: no two answers share a nonce, as if each were
 * rendered afresh, at the cost of one join instead of a render.
 */
export interface NonceTemplate {
  /** The text around each occurrence of the nonce. */
  readonly parts: readonly string[];
}

const NONCE_IN_POLICY = /'nonce-([A-Za-z0-9+/=_-]{16,})'/;

/** The nonce a policy names, or null (a page without one is never stored). */
export function nonceOf(policy: unknown): string | null {
  if (typeof policy !== "string") return null;
  return NONCE_IN_POLICY.exec(policy)?.[1] ?? null;
}

export function templateOf(text: string, nonce: string): NonceTemplate {
  return { parts: text.split(nonce) };
}

export function fill(template: NonceTemplate, nonce: string): string {
  return template.parts.join(nonce);
}

/**
 * A fresh nonce, as the proxy makes one (128 random bits, base64: newNonce in
 * src/server/web/security-headers.ts). Made here rather than imported: the web area's index would
 * load Auth.js and Next's request APIs into the start-up that registers the cache;
 * tests/unit/page-cache/nonce.test.ts holds both to the same form.
 */
export function freshNonce(): string {
  return randomBytes(16).toString("base64");
}
