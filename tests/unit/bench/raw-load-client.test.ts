import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runRaw } from "../../../bench/portal/raw-load-client";

// bench:portal's lean OCSP load client counts only whole 2xx answers, keeps a connection the server
// keeps, and reconnects when the server closes after each answer (as `openssl ocsp` does).
const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((c) => c()));

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("bench/portal/raw-load-client", () => {
  it("keeps a kept-alive connection, sends the body, and counts 2xx answers only", async () => {
    const seen = { connections: 0, bodies: new Set<string>(), requests: 0 };
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        seen.bodies.add(`${req.method} ${req.url} ${req.headers["content-type"]} ${body}`);
        // Every third answer is an error: not a figure.
        const n = ++seen.requests;
        res.writeHead(n % 3 === 0 ? 500 : 200, { "content-length": "5" });
        res.end("hello");
      });
    });
    server.on("connection", () => seen.connections++);
    const url = await listen(server);
    const r = await runRaw({ url: `${url}/pki/ocsp`, method: "POST", headers: { "content-type": "application/ocsp-request" }, bodyBase64: Buffer.from("DER").toString("base64"), connections: 2, seconds: 1, warmupSeconds: 0 }, 1);
    expect([...seen.bodies]).toEqual(["POST /pki/ocsp application/ocsp-request DER"]);
    expect(seen.connections).toBe(2);
    expect(r.total).toBeGreaterThan(5);
    // Answers after the deadline are not counted; those before are, 2xx as figures and the rest as failures.
    expect(Math.abs(r.failures - r.total / 2)).toBeLessThanOrEqual(3);
    expect(r.p50).toBeGreaterThan(0);
  });

  it("opens a new connection for each answer of an HTTP/1.0 server that closes, and counts a close without an answer as a failure", async () => {
    let connections = 0;
    let requests = 0;
    const server = net.createServer((socket) => {
      connections++;
      socket.once("data", () => {
        // Every fourth connection is dropped without an answer.
        if (++requests % 4 === 0) return void socket.destroy();
        socket.end("HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nabc");
      });
    });
    const url = await listen(server);
    const r = await runRaw({ url, method: "GET", headers: {}, connections: 2, seconds: 1, warmupSeconds: 0 }, 1);
    expect(r.total).toBeGreaterThan(5);
    expect(connections).toBeGreaterThanOrEqual(r.total + r.failures);
    expect(r.failures).toBeGreaterThan(0);
    expect(Math.abs(r.failures - (r.total + r.failures) / 4)).toBeLessThanOrEqual(3);
  });
});
