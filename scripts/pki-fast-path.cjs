// Preloaded into the `next start` process by scripts/start.mjs, last, so its wrapper is the
// outermost: a /pki/ request it answers passes through no other preload (client-address.cjs's
// header rewrite and page-cache.cjs's check are for Next's requests; the lean path reads neither),
// and one it declines goes on through them to Next as any other request. The PKI
// endpoints (/pki/ocsp, /pki/crl, /pki/ca, /pki/tsa) are what relying parties hit thousands of
// times a second; through Next each request pays the router, the rendering machinery and the web
// Request/Response conversion (a tenth of the engine's throughput, issue 16). This hands a request
// whose path starts with /pki/ to the handler the server registered on
// globalThis[Symbol.for("portal.pki-handler")] (src/server/pki-server/fast-path.ts, registered by the
// bootstrap start once the database and CA are ready); Next never sees a request it answered.
// Before registration, or when the handler declines (returns false: a path it does not serve,
// such as /pki/cps), the request goes to Next exactly as before. The handler answers true or false
// at once (most OCSP answers are sent before it returns); a promise of either is waited for.
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

// A handler that failed still answers rather than leave the client waiting.
function unavailable(res) {
  if (!res.headersSent) {
    res.writeHead(503, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", connection: "close" });
    res.end("temporarily unavailable\n");
  }
}

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res, ...rest) {
    if (event === "request" && req && typeof req.url === "string" && req.url.startsWith("/pki/")) {
      const handler = globalThis[KEY];
      if (typeof handler === "function") {
        let taken;
        try {
          taken = handler(req, res);
        } catch {
          unavailable(res);
          return true;
        }
        if (taken === true) return true;
        if (taken && typeof taken.then === "function") {
          taken.then(
            (answered) => {
              if (!answered) emit.call(this, event, req, res, ...rest);
            },
            () => unavailable(res),
          );
          return true;
        }
      }
    }
    return emit.call(this, event, req, res, ...rest);
  };
}
