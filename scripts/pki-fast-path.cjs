// Preloaded into the `next start` process by scripts/start.mjs, before client-address.cjs (whose
// wrapper, outermost, still writes the address header on every request). The PKI
// endpoints (/pki/ocsp, /pki/crl, /pki/ca, /pki/tsa) are what relying parties hit thousands of
// times a second; through Next each request pays the router, the rendering machinery and the web
// Request/Response conversion (a tenth of the engine's throughput, issue 16). This hands a request
// whose path starts with /pki/ to the handler the server registered on
// globalThis[Symbol.for("portal.pki-handler")] (src/server/pki-server/fast-path.ts, registered by the
// bootstrap start once the database and CA are ready); Next never sees a request it answered.
// Before registration, or when the handler declines (resolves false: a path it does not serve,
// such as /pki/cps), the request goes to Next exactly as before.
//
// Why a preload and not a Next custom server: a custom server replaces `next start` itself (its
// own http.createServer, its own request handler, no standalone output tracing, a different
// start-up and shutdown path), changing how every page is served to speed up four endpoints.
// The preload only intercepts the "request" event on the server `next start` creates, the way
// client-address.cjs already does, so keep-alive, timeouts and Next's own serving stay as they are.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const http = require("node:http");
const https = require("node:https");
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = Symbol.for("portal.pki-handler");

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res, ...rest) {
    if (event === "request" && req && typeof req.url === "string" && req.url.startsWith("/pki/")) {
      const handler = globalThis[KEY];
      if (typeof handler === "function") {
        handler(req, res).then(
          (answered) => {
            if (!answered) emit.call(this, event, req, res, ...rest);
          },
          // The handler never rejects; if it did, answer rather than leave the client waiting.
          () => {
            if (!res.headersSent) {
              res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
              res.end("temporarily unavailable\n");
            }
          },
        );
        return true;
      }
    }
    return emit.call(this, event, req, res, ...rest);
  };
}
