import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// scripts/pki-fast-path.cjs in a real node process with a stand-in for Next's server: /pki/*
// requests go to the registered handler, and to "Next" before registration, when the handler
// declines, and for every other path; keep-alive connections carry both kinds.
describe("scripts/pki-fast-path.cjs (preloaded into next start)", () => {
  it("hands /pki/* to the registered handler and everything else, or what it declines, to Next", () => {
    const script = `
      const http = require("node:http");
      const KEY = Symbol.for("portal.pki-handler");
      const server = http.createServer((req, res) => res.end("next " + req.url));
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
      const get = (p, method = "GET") => new Promise((resolve, reject) => {
        const r = http.request({ host: "127.0.0.1", port: server.address().port, path: p, method, agent }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve(res.statusCode + " " + body + " " + (res.headers["x-lean"] || "-") + " " + r.reusedSocket));
        });
        r.on("error", reject);
        r.end(method === "POST" ? "body" : undefined);
      });
      server.listen(0, "127.0.0.1", async () => {
        const out = [];
        out.push(await get("/pki/ocsp", "POST"));
        globalThis[KEY] = async (req, res) => {
          if (req.url === "/pki/cps") return false;
          let body = "";
          for await (const c of req) body += c;
          res.writeHead(200, { "x-lean": "yes" });
          res.end("lean " + req.method + " " + body);
          return true;
        };
        out.push(await get("/pki/ocsp", "POST"));
        out.push(await get("/pki/cps"));
        out.push(await get("/api/health"));
        out.push(await get("/pki/ocsp", "POST"));
        globalThis[KEY] = async () => { throw new Error("bug"); };
        out.push(await get("/pki/ocsp", "POST"));
        // The portal's own handler answers at once: true (taken) or false (declined), no promise.
        globalThis[KEY] = (req, res) => {
          if (req.url === "/pki/cps") return false;
          req.resume();
          req.on("end", () => { res.writeHead(200, { "x-lean": "sync" }); res.end("sync " + req.method); });
          return true;
        };
        out.push(await get("/pki/ocsp", "POST"));
        out.push(await get("/pki/cps"));
        globalThis[KEY] = () => { throw new Error("bug"); };
        out.push(await get("/pki/ocsp"));
        console.log(JSON.stringify(out));
        agent.destroy();
        server.close();
      });`;
    const r = spawnSync(process.execPath, ["--require", path.resolve("scripts/pki-fast-path.cjs"), "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout.trim())).toEqual([
      "200 next /pki/ocsp - false", // before registration: Next, as today
      "200 lean POST body yes true", // the handler answers, on the same kept-alive connection
      "200 next /pki/cps - true", // declined: Next serves it
      "200 next /api/health - true", // not /pki/: never offered to the handler
      "200 lean POST body yes true",
      "503 temporarily unavailable\n - true", // a handler that throws still gets an answer, not a hang
      "200 sync POST sync false", // answered by a handler that returned true at once (a new connection: the 503 closed the last)
      "200 next /pki/cps - true", // declined at once: Next, on the same kept-alive connection
      "503 temporarily unavailable\n - true", // thrown at once: still answered
    ]);
  });

  it("is preloaded by the start script last, so /pki/* meets it before any other preload", () => {
    expect(readFileSync("scripts/start.mjs", "utf8")).toMatch(/"--require", path\.join\(root, "scripts", "client-address\.cjs"\), "--require", path\.join\(root, "scripts", "pki-fast-path\.cjs"\), nextBin, "start"/);
  });
});
