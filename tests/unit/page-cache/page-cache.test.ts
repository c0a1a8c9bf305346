import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { noteDataChanged, setDataChangesLive } from "@/db";
import { createPageCache } from "@/server/page-cache";

// The page cache in front of a stand-in for Next that renders like Next does: a policy naming a
// fresh nonce, the nonce on every script, the page in several chunks. Counting renders shows
// what the cache answered.
let renders = 0;
let clock = 1_000_000;
let setCookie = false;
let status = 200;
const cache = createPageCache({ ttlMs: 5_000, now: () => clock });
let slowMs = 0;
const server = http.createServer((req, res) => {
  if (!cache.handle(req, res, () => render(req, res))) render(req, res);
});
function render(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  if (req.method !== "GET") {
    res.end("done");
    return;
  }
  const nonce = Buffer.from(String(Math.random())).toString("base64");
  res.statusCode = status;
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("content-security-policy", `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
  res.setHeader("vary", "rsc");
  if (setCookie) res.setHeader("set-cookie", "a=b");
  if (req.headers["accept-encoding"]) res.setHeader("x-saw-accept-encoding", "yes");
  res.write(`<html><script nonce="${nonce}">1</script>`);
  res.write(Buffer.from(`<p>render ${renders} for ${req.headers.cookie ?? "nobody"}</p>`));
  const end = () => res.end(`<script nonce="${nonce}" src="/a.js"></script></html>`);
  if (slowMs > 0) setTimeout(end, slowMs);
  else end();
}
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  setDataChangesLive(true);
  noteDataChanged();
  clock += 60_000;
  setCookie = false;
  status = 200;
  slowMs = 0;
});

async function get(path: string, headers: Record<string, string> = { cookie: "s=1" }) {
  const r = await fetch(base + path, { headers });
  const body = await r.text();
  const policy = r.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  return { status: r.status, body, nonce, from: r.headers.get("x-portal-page-cache"), vary: r.headers.get("vary"), encoding: r.headers.get("x-saw-accept-encoding") };
}

describe("the page cache", () => {
  it("answers the same session's page again, with a fresh nonce in the policy and on every script", async () => {
    const first = await get("/dashboard");
    const second = await get("/dashboard");
    expect(first.from).toBe("miss");
    expect(second.from).toBe("hit");
    expect(second.status).toBe(200);
    expect(second.vary).toBe("rsc");
    expect(second.nonce).toBeTruthy();
    expect(second.nonce).not.toBe(first.nonce);
    // The same page, but for the nonce: two scripts carry the new one, none the old one.
    expect(second.body.split(second.nonce!).join("N")).toBe(first.body.split(first.nonce!).join("N"));
    expect(second.body.split(`nonce="${second.nonce}"`).length).toBe(3);
    expect(second.body).not.toContain(first.nonce);
    // Next was asked for the page unencoded (a gzip body could not be re-nonced).
    expect(first.encoding).toBeNull();
  });

  it("renders again after a committed change, after a write request, after its lifetime, and for another session", async () => {
    await get("/dashboard");
    const before = renders;
    noteDataChanged();
    expect((await get("/dashboard")).from).toBe("miss");
    await fetch(base + "/dashboard", { method: "POST", headers: { cookie: "s=1" }, body: "x" });
    expect((await get("/dashboard")).from).toBe("miss");
    clock += 5_000;
    expect((await get("/dashboard")).from).toBe("miss");
    expect((await get("/dashboard", { cookie: "s=2" })).body).toContain("for s=2");
    expect((await get("/dashboard", { cookie: "s=2" })).from).toBe("hit");
    expect(renders - before).toBe(5); // three misses, the POST, the other session's first
  });

  it("answers nothing from the cache while changes are not heard", async () => {
    setDataChangesLive(false);
    const a = await get("/dashboard");
    const b = await get("/dashboard");
    expect([a.from, b.from]).toEqual([null, null]);
    expect(b.body).not.toBe(a.body);
  });

  it("keeps no answer that sets a cookie or is not a 200 page, and never caches other paths, queries or Next's own requests", async () => {
    setCookie = true;
    await get("/dashboard");
    expect((await get("/dashboard")).from).toBe("miss");
    setCookie = false;
    status = 404;
    await get("/");
    expect((await get("/")).from).toBe("miss");
    status = 200;
    for (const path of ["/account/security", "/dashboard?x=1", "/ra/applications"]) {
      await get(path);
      expect((await get(path)).from).toBeNull();
    }
    await get("/dashboard", { cookie: "s=1", rsc: "1" });
    expect((await get("/dashboard", { cookie: "s=1", rsc: "1" })).from).toBeNull();
  });

  it("renders a page once for requests that come while its render is under way, each answer with its own nonce", async () => {
    slowMs = 150;
    const before = renders;
    const answers = await Promise.all([get("/agreement"), get("/agreement"), get("/agreement")]);
    expect(renders - before).toBe(1);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.nonce)).size).toBe(3);
    expect(answers.map((a) => a.from).sort()).toEqual(["hit", "hit", "miss"]);
    // A render that cannot be kept (it sets a cookie) hands those waiting for it to Next, each rendered.
    setCookie = true;
    noteDataChanged();
    const again = renders;
    const uncached = await Promise.all([get("/agreement"), get("/agreement")]);
    expect(uncached.map((a) => a.status)).toEqual([200, 200]);
    expect(renders - again).toBe(2);
  });

  it("drops the least recently used pages beyond its size bound", async () => {
    const small = createPageCache({ ttlMs: 5_000, maxBytes: 600, now: () => clock });
    const page = (n: number) => ({ status: 200, headers: {}, policy: { parts: [""] }, body: { parts: [String(n)] }, bytes: 250, version: 1, expiresAt: clock + 1 });
    small.store.set("a", page(1));
    small.store.set("b", page(2));
    expect(small.store.get("a", 1, clock)).toBeDefined(); // a is now the most recent
    small.store.set("c", page(3));
    expect(small.store.size).toBe(2);
    expect(small.store.get("b", 1, clock)).toBeUndefined();
    expect(small.store.get("a", 1, clock)).toBeDefined();
    expect(small.store.bytes).toBeLessThanOrEqual(600);
  });
});
