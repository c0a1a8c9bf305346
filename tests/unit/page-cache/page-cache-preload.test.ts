import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// scripts/page-cache.cjs in a real node process with a stand-in for Next's server: requests other
// than /pki/* are offered to the registered handler first; what it does not answer, or a fault in
// it, goes to "Next"; before registration everything goes to Next.
describe("scripts/page-cache.cjs (preloaded into next start)", () => {
  it("offers every request but /pki/* to the registered handler; Next answers what it does not", () => {
    const script = `
      const http = require("node:http");
      const KEY = Symbol.for("portal.page-cache");
      const server = http.createServer((req, res) => res.end("next " + req.url));
      const offered = [];
      const get = (p) => new Promise((resolve, reject) => {
        http.get({ host: "127.0.0.1", port: server.address().port, path: p }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve(res.statusCode + " " + body));
        }).on("error", reject);
      });
      server.listen(0, "127.0.0.1", async () => {
        const out = [];
        out.push(await get("/dashboard"));
        globalThis[KEY] = (req, res) => {
          offered.push(req.url);
          if (req.url === "/boom") throw new Error("bug");
          if (req.url !== "/dashboard") return false;
          res.end("cached");
          return true;
        };
        out.push(await get("/dashboard"));
        out.push(await get("/agreement"));
        out.push(await get("/boom"));
        out.push(await get("/pki/ocsp/abc"));
        console.log(JSON.stringify({ out, offered }));
        server.close();
      });`;
    const r = spawnSync(process.execPath, ["--require", path.resolve("scripts/page-cache.cjs"), "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout.trim())).toEqual({
      out: ["200 next /dashboard", "200 cached", "200 next /agreement", "200 next /boom", "200 next /pki/ocsp/abc"],
      offered: ["/dashboard", "/agreement", "/boom"],
    });
  });

  it("is preloaded by the start script, before client-address.cjs and the PKI fast path (whose wrappers run first)", () => {
    expect(readFileSync("scripts/start.mjs", "utf8")).toMatch(/"--require", path\.join\(root, "scripts", "page-cache\.cjs"\), "--require", path\.join\(root, "scripts", "client-address\.cjs"\), "--require", path\.join\(root, "scripts", "pki-fast-path\.cjs"\)/);
  });
});
