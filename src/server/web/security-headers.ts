// The page security headers live in src/domain/http/security-headers.ts, one copy for the proxy,
// next.config.ts, the page cache (its fresh nonces) and the PKI responder (its static headers).
// This file stays where src/proxy.ts and next.config.ts import it from; the path is relative so
// that next.config.ts, which Next compiles on its own, needs no path alias.
export { contentSecurityPolicy, HSTS_VALUE, newNonce, STATIC_SECURITY_HEADERS, strictTransportSecurity, type CspOptions } from "../../domain/http/security-headers";
