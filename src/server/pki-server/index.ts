// The pki-server area's public face: the lean HTTP path of the PKI endpoints (issue 16), outside
// Next's rendering. ca-service decides the answers (servePki); this area only carries them over
// node:http, on the portal's port (fast-path.ts, through scripts/pki-fast-path.cjs) or alone
// (standalone-responder.ts, `npm run responder`). Helpers nothing outside needs live in internal/.
export * from "./fast-path";
export * from "./handle-pki-request";
export * from "./pki-route";
export * from "./standalone-responder";
