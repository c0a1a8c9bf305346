import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBodyPrefix, type BodyRead } from "@/server/pki-server/internal/read-body";

// The lean path's body read on a real socket: a prefix of at most `limit` bytes, and a slow or
// endless sender cut off by the timeout instead of holding the request open.
let server: http.Server;
let port: number;
const results: BodyRead[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    void readBodyPrefix(req, 16, 300).then((r) => {
      results.push(r);
      res.writeHead(200, { connection: "close" });
      res.end(JSON.stringify(r.ok ? { ok: true, body: r.body.toString(), truncated: r.truncated } : r));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function post(write: (req: http.ClientRequest) => void, headers: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method: "POST", path: "/", headers }, (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        resolve(JSON.parse(body));
        req.destroy();
      });
    });
    // After the answer a reset of the unfinished upload is expected; before it, it is a failure.
    req.on("error", reject);
    write(req);
  });
}

describe("readBodyPrefix (node:http)", () => {
  it("reads a whole small body", async () => {
    expect(await post((r) => r.end("hello"))).toEqual({ ok: true, body: "hello", truncated: false });
  });

  it("stops at the limit of an endless chunked body", async () => {
    const out = await post((r) => {
      const timer = setInterval(() => r.write("0123456789"), 5);
      // The answer comes while the body is still being sent; the server then closes the connection.
      r.on("response", () => clearInterval(timer));
    });
    expect(out).toEqual({ ok: true, body: "0123456789012345", truncated: true });
  });

  it("gives up on a sender that stops half-way (timeout)", async () => {
    const started = Date.now();
    const out = await post((r) => r.write("abc"), { "content-length": "10" });
    expect(out).toEqual({ ok: false, reason: "timeout" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });
});
