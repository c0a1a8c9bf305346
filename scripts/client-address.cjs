// Preloaded into the `next start` process by scripts/start.mjs. Next hands route handlers, server
// actions and Auth.js a web Request, never the TCP socket, and fills X-Forwarded-For from the
// socket only when the client sent none, so the client could choose its own address. This writes
// the socket's address into a private header on every incoming request, overwriting whatever the
// client put there; src/server/web/internal/request-meta.ts reads it (and X-Forwarded-For only
// when TRUSTED_PROXY_HOPS says there are proxies in front).
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const http = require("node:http");
const https = require("node:https");
/* eslint-enable @typescript-eslint/no-require-imports */

const HEADER = "x-portal-client-ip";

// Tells request-meta.ts that this process writes the header: without the preload (someone ran
// `next start` directly) the header would be whatever the client sent, so it is not read at all.
globalThis[Symbol.for("portal.client-address-preload")] = true;

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, ...rest) {
    if (event === "request" && req && req.headers) {
      const address = (req.socket && req.socket.remoteAddress) || "";
      req.headers[HEADER] = address;
      // rawHeaders too, for code that rebuilds headers from them: drop the client's copies.
      if (Array.isArray(req.rawHeaders)) {
        const raw = [];
        for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
          if (req.rawHeaders[i].toLowerCase() !== HEADER) raw.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
        }
        raw.push(HEADER, address);
        req.rawHeaders.length = 0;
        req.rawHeaders.push(...raw);
      }
    }
    return emit.call(this, event, req, ...rest);
  };
}
