// What every HTTP answer of the portal carries, as pure values: the page policy, its nonce, HSTS
// and the static headers. No Next, no Auth.js: the page cache and the standalone PKI responder
// import it as well as the proxy.
export { contentSecurityPolicy, HSTS_VALUE, newNonce, STATIC_SECURITY_HEADERS, strictTransportSecurity, type CspOptions } from "./security-headers";
