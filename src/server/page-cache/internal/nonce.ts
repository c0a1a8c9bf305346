/**
 * Every page's Content-Security-Policy names a fresh nonce (newNonce, src/domain/http), and Next
 * puts it on each script of the HTML. A stored page is therefore kept cut at its nonce,
 * and each answer from it is joined with a new one: no two answers share a nonce, as if each were
 * rendered afresh, at the cost of one join instead of a render. The new one is made by the same
 * newNonce as the proxy's, so it is of the form nonceOf reads back.
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

