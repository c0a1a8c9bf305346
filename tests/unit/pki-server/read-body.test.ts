import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBodyPrefix, readBodyPrefixThen, type BodyRead } from "@/server/pki-server/internal/read-body";

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

// The OCSP hot path: a body that arrives with its headers is answered before Node has finished
// parsing the request (no tick waited for "end"), and the connection stays usable for the next
// request (keep-alive), whether the body came whole, in pieces or not at all.
describe("readBodyPrefixThen on a keep-alive connection", () => {
  let ka: http.Server;
  let kaPort: number;
  beforeAll(async () => {
    ka = http.createServer((req, res) => {
      readBodyPrefixThen(req, 64, 2_000, (r) => {
        const body = r.ok ? r.body.toString() : r.reason;
        // req.complete: whether the parser had reached the end of this request when the body was handed over.
        res.end(`${body}|complete=${req.complete}`);
      });
    });
    await new Promise<void>((resolve) => ka.listen(0, "127.0.0.1", resolve));
    kaPort = (ka.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => ka.close(resolve)));

  /** Writes each piece on one raw socket (a pause between), and collects `count` answers' bodies. */
  function exchange(pieces: string[], count: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(kaPort, "127.0.0.1");
      let raw = "";
      const bodies = () => raw.split("HTTP/1.1 ").slice(1).map((a) => {
        const head = a.slice(0, a.indexOf("\r\n\r\n"));
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? -1);
        const body = a.slice(head.length + 4);
        return body.length === length ? body : undefined;
      });
      socket.on("data", (c) => {
        raw += c.toString("latin1");
        const got = bodies();
        if (got.length === count && got.every((b) => b !== undefined)) {
          socket.destroy();
          resolve(got as string[]);
        }
      });
      socket.on("error", reject);
      void (async () => {
        for (const piece of pieces) {
          socket.write(piece);
          await new Promise((r) => setTimeout(r, 30));
        }
      })();
    });
  }
  const post = (body: string) => `POST /pki/ocsp HTTP/1.1\r\nHost: x\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

  it("hands over a body that came with its headers while the request is still being parsed", async () => {
    expect(await exchange([post("hello")], 1)).toEqual(["hello|complete=false"]);
  });

  it("answers the next requests on the same connection, whole, split and empty", async () => {
    const second = post("abcdef");
    const out = await exchange([post("one"), second.slice(0, -4), second.slice(-4), post("")], 3);
    // The split body is whole; the empty one completes on "end" (no chunk ever comes).
    expect(out).toEqual(["one|complete=false", "abcdef|complete=false", "|complete=true"]);
  });

  it("reads a chunked body (no Content-Length) to its end", async () => {
    const chunked = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    expect(await exchange([chunked, post("z")], 2)).toEqual(["abcde|complete=true", "z|complete=false"]);
  });
});
