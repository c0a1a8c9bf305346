// Preloaded into the `next start` process by scripts/start.mjs, before pki-fast-path.cjs and
// client-address.cjs (whose wrappers therefore run first). Hands every request other than /pki/*
// to the page cache the bootstrap registered on globalThis[Symbol.for("portal.page-cache")]
// (src/server/page-cache/page-cache.ts): it answers a page from what was rendered before, when
// that is still the page Next would render, or from the render of it already under way, and
// otherwise lets Next answer (watching the answer to keep it, and noting that a write request finished). Before registration, with PAGE_CACHE_SECONDS=0
// or in `next dev` (no preload), every request goes to Next as before. Synchronous on purpose: a hit
// costs a Map lookup and a string join, nothing that waits.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const http = require("node:http");
const https = require("node:https");
/* eslint-enable @typescript-eslint/no-require-imports */

const KEY = Symbol.for("portal.page-cache");

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (event, req, res, ...rest) {
    if (event === "request" && req && typeof req.url === "string" && !req.url.startsWith("/pki/")) {
      const handler = globalThis[KEY];
      if (typeof handler === "function") {
        let answered = false;
        // Handed on later when the handler took the request to answer from a render it waits for
        // and that render could not be kept.
        const next = () => emit.call(this, event, req, res, ...rest);
        try {
          answered = handler(req, res, next) === true;
        } catch {
          // A fault in the cache must never cost the page: Next renders it.
          answered = false;
        }
        if (answered) return true;
      }
    }
    return emit.call(this, event, req, res, ...rest);
  };
}
