import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { caOf } from "@/server/ca-service/wire-context";
import { INPUT_SIZE_LIMITS } from "@/ca/asn1/limits";
import { STATIC_SECURITY_HEADERS } from "@/domain/http";
import { OCSP_REQUEST_LIMITS } from "@/ca/ocsp/ocsp-request";
import { caFiles, issueCert, openWorld, openssl, type TestCert, type World } from "../revocation/fixtures";

// The lean PKI path (issue 16 item 1) over a real node:http server: handlePkiRequest answers
// through servePki, which opens the process database; here that is the test's database.
const holder = vi.hoisted(() => ({ world: undefined as unknown as { db: unknown } }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => holder.world.db, openedDatabase: () => holder.world.db }));

const { handlePkiRequest, startPkiResponder, LEAN_PATH_HEADER } = await import("@/server/pki-server");
const { answerOcspNow } = await import("@/server/ca-service");

const MALFORMED = Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]);
let w: World;
let server: http.Server;
let base: string;
let good: TestCert;
let revoked: TestCert;
let goodReq: Buffer;
let revokedReq: Buffer;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  reused: boolean;
}
function send(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}, url = base): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const r = http.request(`${url}${path}`, { method, agent, headers: { ...headers, ...(body ? { "content-length": String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), reused: r.reusedSocket }));
    });
    r.on("error", reject);
    r.end(body);
  });
}

function ocspRequest(c: TestCert, issuer: string): Buffer {
  const out = w.tmp.file(`req-${c.serialHex}.der`);
  execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", c.certFile, "-no_nonce", "-reqout", out], { stdio: "pipe" });
  return readFileSync(out);
}
async function statusIn(body: Buffer, c: TestCert): Promise<string> {
  const { issuer, root } = await caFiles(w);
  return openssl(["ocsp", "-respin", w.tmp.file(`resp-${c.serialHex}.der`, body), "-issuer", issuer, "-cert", c.certFile, "-CAfile", root, "-verify_other", issuer]).out;
}

beforeAll(async () => {
  w = await openWorld(new Date());
  holder.world = w;
  good = await issueCert(w, { user: "alice" });
  revoked = await issueCert(w, { user: "bob" });
  await w.db.prisma.certificate.update({ where: { id: revoked.id }, data: { status: "REVOKED", revokedAt: w.clock.now(), revocationReason: "KEY_COMPROMISE" } });
  await w.db.prisma.revocation.create({ data: { certificateId: revoked.id, reasonCode: "KEY_COMPROMISE", revokedAt: w.clock.now() } });
  const { issuer } = await caFiles(w);
  goodReq = ocspRequest(good, issuer);
  revokedReq = ocspRequest(revoked, issuer);
  server = http.createServer((req, res) => {
    if (!handlePkiRequest(req, res)) res.end("declined");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => server?.close(resolve));
  await (await caOf(w.db.prisma)()).flushOcspRecords();
  await w?.close();
});

describe("handlePkiRequest over node:http", () => {
  it("OCSP POST: good, as openssl reads it; not cacheable; the static security headers and the lean mark", async () => {
    const r = await send("POST", "/pki/ocsp", goodReq, { "content-type": "application/ocsp-request" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("application/ocsp-response");
    expect(r.headers["cache-control"]).toBe("no-store");
    expect(r.headers[LEAN_PATH_HEADER]).toBe("lean");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["x-frame-options"]).toBe("DENY");
    expect(r.headers["referrer-policy"]).toBe("same-origin");
    // Every header next.config.ts puts on Next's answers, no fewer.
    for (const h of STATIC_SECURITY_HEADERS) expect(r.headers[h.key.toLowerCase()], h.key).toBe(h.value);
    expect(await statusIn(r.body, good)).toMatch(/: good\n/);
    // The same connection carries the next request (keep-alive).
    const again = await send("POST", "/pki/ocsp", goodReq);
    expect(again.reused).toBe(true);
    expect(again.body.equals(r.body)).toBe(true);
  });

  it("answers a pre-signed OCSP request at once (answerOcspNow, no promise), with the bytes the HTTP answer carries", async () => {
    const http200 = await send("POST", "/pki/ocsp", goodReq, { "content-type": "application/ocsp-request" });
    const now = answerOcspNow({ kind: "ocsp", request: goodReq });
    expect(now?.status).toBe(200);
    expect(Buffer.from(now!.body).equals(http200.body)).toBe(true);
    // The GET form too, and a refusal decided from the bytes alone.
    const getPath = encodeURIComponent(revokedReq.toString("base64"));
    const viaHttp = await send("GET", `/pki/ocsp/${getPath}`);
    const get = answerOcspNow({ kind: "ocsp", request: getPath });
    expect([get?.status, get?.outcome, get?.headers.etag]).toEqual([200, "revoked", viaHttp.headers.etag]);
    expect(answerOcspNow({ kind: "ocsp", request: Buffer.from("junk") })?.outcome).toBe("malformedRequest");
  });

  it("OCSP GET (RFC 5019): revoked, with max-age, ETag, Last-Modified and an Expires that says the same", async () => {
    const r = await send("GET", `/pki/ocsp/${encodeURIComponent(revokedReq.toString("base64"))}`);
    expect(r.status).toBe(200);
    expect(await statusIn(r.body, revoked)).toMatch(/: revoked\n/);
    const maxAge = Number(/max-age=(\d+)/.exec(String(r.headers["cache-control"]))?.[1]);
    expect(r.headers["cache-control"]).toMatch(/^public, max-age=\d+, no-transform, must-revalidate$/);
    expect(maxAge).toBeGreaterThan(0);
    // The CA's clock here is the world's fixed one: Expires is that instant plus max-age.
    expect(Math.abs(Date.parse(r.headers.expires!) - maxAge * 1000 - w.clock.now().getTime())).toBeLessThan(1_000);
    expect(r.headers.etag).toMatch(/^"[0-9a-f]{40}"$/);
    expect(r.headers["last-modified"]).toBeTruthy();
    expect(r.headers[LEAN_PATH_HEADER]).toBe("lean");
  });

  it("OCSP GET revalidation: If-None-Match naming the ETag is 304 with the same caching headers and no body", async () => {
    const path = `/pki/ocsp/${encodeURIComponent(goodReq.toString("base64"))}`;
    const full = await send("GET", path);
    const etag = full.headers.etag!;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    for (const ifNoneMatch of [etag, `W/${etag}`, `"0123", ${etag}`, "*"]) {
      const r = await send("GET", path, undefined, { "if-none-match": ifNoneMatch });
      expect(r.status, ifNoneMatch).toBe(304);
      expect(r.body.length).toBe(0);
      for (const name of ["cache-control", "etag", "last-modified", "expires"]) expect(r.headers[name], name).toBe(full.headers[name]);
      expect(r.headers["content-type"]).toBeUndefined();
      expect(r.headers[LEAN_PATH_HEADER]).toBe("lean");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
      // No body was announced, so the connection carries the next request.
      expect(r.reused).toBe(true);
    }
    // Another tag, or a list too long to be a cache's: the whole answer, the same bytes.
    for (const ifNoneMatch of ['"0123"', `W/"0123"`, `${'"0123", '.repeat(200)}${etag}`]) {
      const r = await send("GET", path, undefined, { "if-none-match": ifNoneMatch });
      expect(r.status).toBe(200);
      expect(r.body.equals(full.body)).toBe(true);
    }
    // POST answers are not cacheable: no ETag, never 304.
    const post = await send("POST", "/pki/ocsp", goodReq, { "if-none-match": "*" });
    expect(post.status).toBe(200);
    expect(post.headers.etag).toBeUndefined();
    // A malformed GET has no ETag either: the engine's malformedRequest, whatever the client holds.
    const bad = await send("GET", "/pki/ocsp/not*base64!", undefined, { "if-none-match": "*" });
    expect(bad.status).toBe(200);
    expect(bad.body.equals(MALFORMED)).toBe(true);
  });

  it("malformed OCSP requests get the engine's malformedRequest, never a 500", async () => {
    const get = await send("GET", "/pki/ocsp/not*base64!");
    expect(get.status).toBe(200);
    expect(get.body.equals(MALFORMED)).toBe(true);
    const post = await send("POST", "/pki/ocsp", Buffer.from("not an ocsp request"));
    expect(post.status).toBe(200);
    expect(post.body.equals(MALFORMED)).toBe(true);
    const empty = await send("POST", "/pki/ocsp");
    expect(empty.body.equals(MALFORMED)).toBe(true);
  });

  it("an oversized body: 413 after reading one byte past the limit, and the connection is closed rather than drained", async () => {
    for (const size of [OCSP_REQUEST_LIMITS.maxBytes + 1, 4 * 1024 * 1024]) {
      const r = await send("POST", "/pki/ocsp", Buffer.alloc(size, 0x30));
      expect(r.status).toBe(413);
      expect(r.headers.connection).toBe("close");
    }
    const tsa = await send("POST", "/pki/tsa", Buffer.alloc(INPUT_SIZE_LIMITS.tsaRequest + 100, 0x30), { "content-type": "application/timestamp-query" });
    expect(tsa.status).toBe(413);
  });

  it("TSA: 415 for another content type; a real timestamp query is answered", async () => {
    const r = await send("POST", "/pki/tsa", Buffer.from("x"), { "content-type": "text/plain" });
    expect(r.status).toBe(415);
    const tsq = w.tmp.file("ts.tsq");
    openssl(["ts", "-query", "-data", w.tmp.file("ts.txt", "日志"), "-sha256", "-cert", "-out", tsq]);
    const ok = await send("POST", "/pki/tsa", readFileSync(tsq), { "content-type": "application/timestamp-query" });
    expect(ok.status).toBe(200);
    expect(ok.headers["content-type"]).toBe("application/timestamp-reply");
  });

  it("other methods: 405 with Allow", async () => {
    expect(await send("HEAD", "/pki/crl/issuing-ec/0.crl")).toMatchObject({ status: 405, headers: { allow: "GET" } });
    expect(await send("GET", "/pki/ocsp")).toMatchObject({ status: 405, headers: { allow: "POST" } });
    expect(await send("PUT", "/pki/tsa", Buffer.from("x"))).toMatchObject({ status: 405, headers: { allow: "POST", connection: "close" } });
  });

  it("CRL shards and CA certificates; an unknown CA or shard is a 404 from servePki", async () => {
    const crl = await send("GET", "/pki/crl/issuing-ec/0.crl");
    expect(crl.status).toBe(200);
    expect(crl.headers["content-type"]).toBe("application/pkix-crl");
    expect(Number(/max-age=(\d+)/.exec(String(crl.headers["cache-control"]))?.[1])).toBeLessThanOrEqual(3600);
    const { issuer } = await caFiles(w);
    expect(openssl(["crl", "-inform", "DER", "-noout", "-CAfile", issuer], crl.body).status).toBe(0);
    const cert = await send("GET", "/pki/ca/issuing-ec.cer");
    expect(cert.status).toBe(200);
    expect(cert.headers["content-type"]).toBe("application/pkix-cert");
    expect((await send("GET", "/pki/ca/nobody.cer")).status).toBe(404);
    expect((await send("GET", "/pki/crl/issuing-ec/99.crl")).status).toBe(404);
    expect((await send("GET", "/pki/ca/..%2F..%2Fetc.cer")).status).toBe(404);
  });

  it("declines (false) what is not a PKI endpoint: the caller hands it on", async () => {
    for (const path of ["/pki/cps", "/api/health", "/pki/crl/issuing-ec", "/pki/"]) {
      const r = await send("GET", path);
      expect(r.body.toString()).toBe("declined");
      expect(r.headers[LEAN_PATH_HEADER]).toBeUndefined();
    }
  });
});

describe("the standalone responder (npm run responder)", () => {
  it("answers OCSP and its health check, 404 for anything else, sweeps on demand and closes", async () => {
    const responder = await startPkiResponder({ port: 0, host: "127.0.0.1" });
    try {
      const own = new http.Agent({ keepAlive: false });
      const at = (method: string, path: string, body?: Buffer) =>
        new Promise<Reply>((resolve, reject) => {
          const r = http.request(`${responder.url}${path}`, { method, agent: own }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), reused: false }));
          });
          r.on("error", reject);
          r.end(body);
        });
      expect((await at("GET", "/pki/health")).status).toBe(200);
      const ocsp = await at("POST", "/pki/ocsp", revokedReq);
      expect(ocsp.status).toBe(200);
      expect(await statusIn(ocsp.body, revoked)).toMatch(/: revoked\n/);
      expect((await at("GET", "/dashboard")).status).toBe(404);
      expect((await at("POST", "/pki/health")).status).toBe(405);
      expect(await responder.refreshNow()).toBeGreaterThanOrEqual(0);
    } finally {
      await responder.close();
    }
    await expect(fetch(`${responder.url}/pki/health`)).rejects.toThrow();
  });
});
