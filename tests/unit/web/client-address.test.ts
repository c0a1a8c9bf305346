import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, CLIENT_ADDRESS_PRELOAD, clientIp, metaFromHeaders } from "@/server/web/internal/request-meta";

// The client address (issue 12 item 3): the socket's unless proxies are declared. The socket's
// address reaches Next's handlers through a header the start script's preload writes.
const h = (o: { socket?: string; xff?: string } = {}) =>
  new Headers({ ...(o.socket ? { [CLIENT_ADDRESS_HEADER]: o.socket } : {}), ...(o.xff !== undefined ? { "x-forwarded-for": o.xff } : {}) });

const marks = globalThis as Record<symbol, unknown>;

describe("clientIp", () => {
  beforeAll(() => {
    marks[CLIENT_ADDRESS_PRELOAD] = true; // as scripts/client-address.cjs does in the served process
  });
  afterAll(() => {
    delete marks[CLIENT_ADDRESS_PRELOAD];
  });

  it("without proxies (0 hops) is the socket's address, whatever X-Forwarded-For says", () => {
    expect(clientIp(h({ socket: "192.0.2.10" }), 0)).toBe("192.0.2.10");
    expect(clientIp(h({ socket: "192.0.2.10", xff: "6.6.6.6" }), 0)).toBe("192.0.2.10");
    expect(clientIp(h({ socket: "::ffff:192.0.2.10", xff: "6.6.6.6, 7.7.7.7" }), 0)).toBe("192.0.2.10");
    expect(clientIp(h({ xff: "6.6.6.6" }), 0)).toBeUndefined(); // no socket address known: never the header
  });

  it("with N proxies is the N-th X-Forwarded-For entry from the right", () => {
    expect(clientIp(h({ socket: "10.0.0.1", xff: "6.6.6.6, 203.0.113.9" }), 1)).toBe("203.0.113.9");
    expect(clientIp(h({ socket: "10.0.0.2", xff: "6.6.6.6, 203.0.113.9, 10.0.0.1" }), 2)).toBe("203.0.113.9");
  });

  it("falls back to the socket's address (the nearest proxy) when the header is missing or short", () => {
    expect(clientIp(h({ socket: "10.0.0.1" }), 1)).toBe("10.0.0.1");
    expect(clientIp(h({ socket: "10.0.0.1", xff: "" }), 1)).toBe("10.0.0.1");
    // one entry but two proxies declared: the leftmost entry is the client's to write, not taken
    expect(clientIp(h({ socket: "10.0.0.2", xff: "6.6.6.6" }), 2)).toBe("10.0.0.2");
  });

  it("ignores the address header in a process the preload did not mark (the header would be the client's)", () => {
    delete marks[CLIENT_ADDRESS_PRELOAD];
    try {
      expect(clientIp(h({ socket: "192.0.2.10", xff: "6.6.6.6" }), 0)).toBeUndefined();
      expect(clientIp(h({ socket: "10.0.0.1", xff: "203.0.113.9" }), 1)).toBe("203.0.113.9");
    } finally {
      marks[CLIENT_ADDRESS_PRELOAD] = true;
    }
  });

  it("is bounded in length and carried into the request meta", () => {
    expect(clientIp(h({ socket: "x".repeat(500) }), 0)).toHaveLength(64);
    expect(metaFromHeaders(new Headers({ [CLIENT_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-for": "6.6.6.6", "user-agent": "u" }), 0)).toEqual({ ip: "192.0.2.1", userAgent: "u" });
  });
});

describe("scripts/client-address.cjs (preloaded into next start)", () => {
  it("overwrites a client-sent address header with the socket's address on every request", () => {
    const script = `
      const http = require("node:http");
      const server = http.createServer((req, res) => res.end(JSON.stringify({ header: req.headers["${CLIENT_ADDRESS_HEADER}"], raw: req.rawHeaders.filter((v, i, a) => i % 2 === 1 && a[i - 1].toLowerCase() === "${CLIENT_ADDRESS_HEADER}") })));
      server.listen(0, "127.0.0.1", () => {
        http.get({ host: "127.0.0.1", port: server.address().port, headers: { "X-Portal-Client-IP": "6.6.6.6", "x-forwarded-for": "7.7.7.7" } }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => { console.log(body); server.close(); console.log(globalThis[Symbol.for("portal.client-address-preload")]); });
        });
      });`;
    const r = spawnSync(process.execPath, ["--require", path.resolve("scripts/client-address.cjs"), "-e", script], { encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    const [body, mark] = r.stdout.trim().split("\n");
    expect(JSON.parse(body!)).toEqual({ header: "127.0.0.1", raw: ["127.0.0.1"] });
    expect(mark).toBe("true"); // the mark request-meta.ts reads before trusting the header
  });

  it("is preloaded by the start script (before the PKI fast path, which is outermost: /pki/* never needs the address)", async () => {
    const { readFileSync } = await import("node:fs");
    expect(readFileSync("scripts/start.mjs", "utf8")).toMatch(/"--require", path\.join\(root, "scripts", "client-address\.cjs"\), "--require", path\.join\(root, "scripts", "pki-fast-path\.cjs"\), nextBin, "start"/);
  });
});
