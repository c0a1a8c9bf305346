/**
 * Auth.js's session cookie: "authjs.session-token" ("__Secure-" before it over https), split into
 * ".0", ".1", ... when it outgrows one cookie. Auth.js reads every cookie whose name starts so;
 * without one it answers "no session" (src/server/web/session.ts then skips asking it).
 */
const SESSION_COOKIE_PREFIX = /^(__Secure-)?authjs\.session-token/;

export function hasSessionCookie(cookieList: ReadonlyArray<{ name: string; value?: string }>): boolean {
  return cookieList.some((c) => SESSION_COOKIE_PREFIX.test(c.name));
}
