/**
 * The headers next.config.ts puts on every answer of Next (STATIC_SECURITY_HEADERS in
 * src/server/web/security-headers.ts), as a plain record for node:http. A copy, not an import:
 * the web area is reached only through its index, which loads Next and Auth.js, and the
 * standalone responder must not. tests/unit/pki-server/pki-route.test.ts fails when the two differ.
 */
export const PKI_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "referrer-policy": "same-origin",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
});
