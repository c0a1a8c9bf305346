import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import { createOcspResponder, memoryOcspCache } from "@/ca/ocsp/ocsp-responder";
import { T0, demoHierarchy, sha1OcspRequests } from "./helpers/fixture";

// The HTTP caching headers of OCSP answers (issue 16, item 1 and 2): an RFC 5019 GET answer may be
// kept by a CDN for max-age = min(time to nextUpdate, cdnMaxAgeSeconds), and Expires says the same
// instant (an HTTP/1.0 cache reads only Expires); a POST answer is never for shared caches.

const SERIAL = "5a11cafe01";
let h: Hierarchy;
let request: Buffer;

beforeAll(async () => {
  h = await demoHierarchy();
  request = sha1OcspRequests(h.issuing.ec!).request(SERIAL);
}, 60_000); // key generation: slow on a loaded machine

function responder(nowMs: { t: number }, o: { cdnMaxAgeSeconds?: number; validitySeconds?: number } = {}) {
  return createOcspResponder({
    hierarchy: h,
    clock: { now: () => new Date(nowMs.t) },
    status: { statusOf: async () => ({ status: "good" }) },
    cache: memoryOcspCache(),
    ...o,
  });
}

describe("OCSP answer headers", () => {
  it("GET: max-age capped by the CDN setting, Expires = now + max-age, ETag and Last-Modified of the signed response", async () => {
    const now = { t: T0.getTime() };
    const r = responder(now, { cdnMaxAgeSeconds: 300 });
    const a = await r.handleRequest(encodeURIComponent(request.toString("base64")));
    expect(a.status).toBe(200);
    expect(a.headers["cache-control"]).toBe("public, max-age=300, no-transform, must-revalidate");
    expect(a.headers.expires).toBe(new Date(T0.getTime() + 300_000).toUTCString());
    expect(a.headers["last-modified"]).toBe(T0.toUTCString());
    expect(a.headers.etag).toBe(`"${createHash("sha1").update(a.body).digest("hex")}"`);
    // Ten seconds later the same pre-signed bytes: same ETag, Expires moved with the clock.
    now.t += 10_000;
    const b = await r.handleRequest(request.toString("base64"));
    expect(b.body.equals(a.body)).toBe(true);
    expect(b.headers.etag).toBe(a.headers.etag);
    expect(b.headers.expires).toBe(new Date(now.t + 300_000).toUTCString());
  });

  it("GET: near nextUpdate the time left wins over the cap, and Expires is nextUpdate", async () => {
    const now = { t: T0.getTime() };
    // Validity 600 s, refreshed after 300 s: at +290 s the cached response has 310 s left.
    const r = responder(now, { cdnMaxAgeSeconds: 86_400, validitySeconds: 600 });
    await r.handleRequest(request.toString("base64"));
    now.t += 290_000;
    const a = await r.handleRequest(request.toString("base64"));
    expect(a.headers["cache-control"]).toBe("public, max-age=310, no-transform, must-revalidate");
    expect(a.headers.expires).toBe(new Date(T0.getTime() + 600_000).toUTCString());
  });

  it("GET with a cap of 0: no CDN may keep it", async () => {
    const r = responder({ t: T0.getTime() }, { cdnMaxAgeSeconds: 0 });
    const a = await r.handleRequest(request.toString("base64"));
    expect(a.headers["cache-control"]).toBe("no-cache");
  });

  it("POST: the same signed bytes, no-store and no validators", async () => {
    const r = responder({ t: T0.getTime() }, { cdnMaxAgeSeconds: 300 });
    const get = await r.handleRequest(request.toString("base64"));
    const post = await r.handleRequest(request);
    expect(post.status).toBe(200);
    expect(post.body.equals(get.body)).toBe(true);
    expect(post.headers).toEqual({ "content-type": "application/ocsp-response", "cache-control": "no-store" });
  });
});
