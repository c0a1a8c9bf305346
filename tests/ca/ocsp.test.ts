import { beforeAll, afterAll, describe, expect, it } from "vitest";
import http from "node:http";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createOcspResponder, memoryOcspCache, type StatusLookup, type OcspResponder } from "@/ca/ocsp/ocsp-responder";
import type { CertStatus } from "@/ca/ocsp/ocsp-response";
import { issueFromCsr, type IssuedCertificate } from "@/ca/issuance/issue-certificate";
import type { Hierarchy } from "@/ca/hierarchy/hierarchy";
import type { Clock } from "@/ca/clock";
import { demoHierarchy, memoryRegistry, pem } from "./helpers/fixture";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let h: Hierarchy;
let foreign: Hierarchy;
let tmp: TempDir;
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
let now = new Date(Math.floor(Date.now() / 1000) * 1000);
const clock: Clock = { now: () => new Date(now) };
const statuses = new Map<string, CertStatus>();
const lookup: StatusLookup = { statusOf: async (issuerId, serial) => statuses.get(`${issuerId}/${serial}`) ?? { status: "unknown" } };
const certs: Record<string, IssuedCertificate> = {};
let responder: OcspResponder;
let nonceResponder: OcspResponder;
let server: http.Server;
let url = "";
let nonceUrl = "";
let foreignCert: IssuedCertificate;

function serve(r: OcspResponder, prefix: string) {
  return async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const out = req.method === "POST" ? await r.handleRequest(Buffer.concat(chunks)) : await r.handleRequest((req.url ?? "").slice(prefix.length + 1));
    res.writeHead(out.status, out.headers).end(out.body);
  };
}

beforeAll(async () => {
  tmp = new TempDir();
  h = await demoHierarchy(clock);
  foreign = await demoHierarchy(clock);
  const reg = memoryRegistry();
  const deps = { hierarchy: h, clock, serials: reg.serials, keyOwnership: reg.keyOwnership };
  const key = tmp.file("k.pem");
  opensslOk(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key]);
  const csr = opensslOk(["req", "-new", "-key", key, "-subj", "/CN=x"]);
  const rsaKey = tmp.file("rk.pem");
  opensslOk(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsaKey]);
  const rsaCsr = opensslOk(["req", "-new", "-key", rsaKey, "-subj", "/CN=x"]);
  const input = { profileId: "individual-signing", subject: { country: "CN", fullName: "赵六" }, subscriberId: "s", usageScope: { kind: "平台" as const, name: "p" } };
  for (const name of ["good", "revoked", "hold", "changes"]) certs[name] = await issueFromCsr(deps, { ...input, csr });
  certs.rsaleaf = await issueFromCsr(deps, { ...input, csr: rsaCsr });
  foreignCert = await issueFromCsr({ ...deps, hierarchy: foreign }, { ...input, csr });
  const set = (c: IssuedCertificate, s: CertStatus) => statuses.set(`${c.issuerId}/${c.serialHex}`, s);
  set(certs.good!, { status: "good" });
  set(certs.rsaleaf!, { status: "good" });
  set(certs.changes!, { status: "good" });
  set(certs.revoked!, { status: "revoked", revokedAt: new Date(now.getTime() - 60_000), reason: "keyCompromise" });
  set(certs.hold!, { status: "revoked", revokedAt: new Date(now.getTime() - 60_000), reason: "certificateHold" });
  responder = createOcspResponder({ hierarchy: h, clock, status: lookup, cache: memoryOcspCache() });
  nonceResponder = createOcspResponder({ hierarchy: h, clock, status: lookup, nonce: true });
  const plain = serve(responder, "");
  const withNonce = serve(nonceResponder, "/nonce");
  server = http.createServer((req, res) => void ((req.url ?? "").startsWith("/nonce") ? withNonce(req, res) : plain(req, res)));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://127.0.0.1:${port}`;
  nonceUrl = `${url}/nonce`;
  tmp.file("root.pem", pem(h.root.entity.certificate));
  tmp.file("ec.pem", pem(h.issuing.ec!.entity.certificate));
  tmp.file("rsa.pem", pem(h.issuing.rsa!.entity.certificate));
  for (const [name, c] of Object.entries(certs)) tmp.file(`${name}.pem`, pem(c.certificate));
  tmp.file("foreign.pem", pem(foreignCert.certificate));
  tmp.file("foreign-ec.pem", pem(foreign.issuing.ec!.entity.certificate));
});
afterAll(() => {
  server?.close();
  tmp.cleanup();
});

async function ocspClient(args: string[], target = url) {
  const { spawn } = await import("node:child_process");
  return new Promise<string>((resolve) => {
    const p = spawn("openssl", ["ocsp", "-url", target, "-CAfile", tmp.file("root.pem"), "-attime", String(Math.floor(now.getTime() / 1000)), ...args]);
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (out += d));
    p.on("close", () => resolve(out));
  });
}

describe("OCSP responder with openssl ocsp as the client", () => {
  const table: Array<[string, string[], RegExp[]]> = [
    ["ok/good, SHA-1 CertID", ["-issuer", "ec.pem", "-cert", "good.pem", "-no_nonce"], [/Response verify OK/, /good\.pem: good/]],
    ["ok/good, SHA-256 CertID", ["-issuer", "ec.pem", "-sha256", "-cert", "good.pem", "-no_nonce"], [/Response verify OK/, /good\.pem: good/]],
    ["ok/good, RSA issuing CA", ["-issuer", "rsa.pem", "-cert", "rsaleaf.pem", "-no_nonce"], [/Response verify OK/, /: good/]],
    ["ok/revoked with time and reason", ["-issuer", "ec.pem", "-cert", "revoked.pem", "-no_nonce"], [/Response verify OK/, /revoked\.pem: revoked/, /Reason: keyCompromise/, /Revocation Time:/]],
    ["ok/on hold", ["-issuer", "ec.pem", "-cert", "hold.pem", "-no_nonce"], [/Response verify OK/, /hold\.pem: revoked/, /Reason: certificateHold/]],
    ["ok/unknown serial", ["-issuer", "ec.pem", "-serial", "0x4a1b2c3d4e5f60718293a4b5c6d7e8f9", "-no_nonce"], [/Response verify OK/, /unknown/]],
    ["fail/foreign issuer is unauthorized", ["-issuer", "foreign-ec.pem", "-cert", "foreign.pem", "-no_nonce"], [/Responder Error: unauthorized \(6\)/]],
  ];
  it.each(table)("%s", async (_name, args, expected) => {
    const resolved = args.map((a) => (a.endsWith(".pem") ? tmp.file(a) : a));
    const out = await ocspClient(["-verify_other", tmp.file(args.includes("rsa.pem") ? "rsa.pem" : "ec.pem"), ...resolved]);
    if (process.env.DEBUG_OCSP) console.log(out);
    for (const re of expected) expect(out).toMatch(re);
  });

  it("ok/nonce echoed only when the deployment enables it", async () => {
    const withNonce = await ocspClient(["-issuer", tmp.file("ec.pem"), "-cert", tmp.file("good.pem"), "-verify_other", tmp.file("ec.pem"), "-resp_text"], nonceUrl);
    expect(withNonce).toContain("OCSP Nonce");
    expect(withNonce).toContain("Response verify OK");
    const withoutSupport = await ocspClient(["-issuer", tmp.file("ec.pem"), "-cert", tmp.file("good.pem"), "-verify_other", tmp.file("ec.pem")]);
    expect(withoutSupport).toMatch(/WARNING: no nonce in response/);
    expect(withoutSupport).toContain("Response verify OK");
  });

  it("ok/RFC 5019 GET with the URL-encoded base64 request", async () => {
    const reqFile = tmp.file("req.der");
    opensslOk(["ocsp", "-issuer", tmp.file("ec.pem"), "-cert", tmp.file("revoked.pem"), "-no_nonce", "-reqout", reqFile]);
    const b64 = encodeURIComponent(Buffer.from((await import("node:fs")).readFileSync(reqFile)).toString("base64"));
    const res = await fetch(`${url}/${b64}`);
    expect(res.headers.get("content-type")).toBe("application/ocsp-response");
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const respFile = tmp.file("resp.der", Buffer.from(await res.arrayBuffer()));
    const out = openssl(["ocsp", "-respin", respFile, "-issuer", tmp.file("ec.pem"), "-cert", tmp.file("revoked.pem"), "-CAfile", tmp.file("root.pem"), "-verify_other", tmp.file("ec.pem"), "-attime", String(Math.floor(now.getTime() / 1000))]);
    expect(out.stderr).toContain("Response verify OK");
    expect(out.stdout).toMatch(/revoked\.pem: revoked/);
  });

  it("pre-signed: the same request gets the same bytes; a status change re-signs; so does age", async () => {
    const reqFile = tmp.file("req2.der");
    opensslOk(["ocsp", "-issuer", tmp.file("ec.pem"), "-cert", tmp.file("changes.pem"), "-no_nonce", "-reqout", reqFile]);
    const req = (await import("node:fs")).readFileSync(reqFile);
    const a = await responder.handleRequest(req);
    const b = await responder.handleRequest(req);
    expect(a.body.equals(b.body)).toBe(true);
    statuses.set(`${certs.changes!.issuerId}/${certs.changes!.serialHex}`, { status: "revoked", revokedAt: now, reason: "superseded" });
    const stale = await responder.handleRequest(req);
    expect(stale.body.equals(a.body)).toBe(true); // nothing pushed yet: still the signed "good"
    await responder.onStatusChanged(certs.changes!.issuerId, certs.changes!.serialHex);
    const c = await responder.handleRequest(req);
    expect(c.body.equals(a.body)).toBe(false);
    const out = openssl(["ocsp", "-respin", tmp.file("c.der", c.body), "-issuer", tmp.file("ec.pem"), "-cert", tmp.file("changes.pem"), "-CAfile", tmp.file("root.pem"), "-verify_other", tmp.file("ec.pem"), "-attime", String(Math.floor(now.getTime() / 1000))]);
    expect(out.stdout + out.stderr).toMatch(/changes\.pem: revoked[\s\S]*superseded/);
    const saved = now;
    now = new Date(now.getTime() + 13 * 3600_000); // past the half-life refresh point
    const d = await responder.handleRequest(req);
    expect(d.body.equals(c.body)).toBe(false);
    now = saved;
  });

  it("refreshIfDue re-signs a persisted entry only after its refresh point", async () => {
    const cache = memoryOcspCache();
    const r = createOcspResponder({ hierarchy: h, clock, status: lookup, cache, validitySeconds: 3600 });
    const c = certs.good!;
    await r.onStatusChanged(c.issuerId, c.serialHex);
    const entry = (await cache.get(c.issuerId, c.serialHex))!;
    expect(Object.keys(entry.responses)).toHaveLength(2); // SHA-1 and SHA-256 CertIDs pre-signed
    expect(await r.refreshIfDue(entry)).toBe(false);
    const saved = now;
    now = new Date(now.getTime() + 31 * 60_000);
    expect(await r.refreshIfDue(entry)).toBe(true);
    const after = (await cache.get(c.issuerId, c.serialHex))!;
    expect(Object.values(after.responses)[0]!.thisUpdate).toEqual(now);
    now = saved;
  });

  const garbage: Array<[string, Buffer | string, number]> = [
    ["fail/random bytes", randomBytes(200), 200],
    ["fail/truncated request", Buffer.from("3082010a3081", "hex"), 200],
    ["fail/empty body", Buffer.alloc(0), 200],
    ["fail/garbage GET path", "!!!not-base64***", 200],
    ["fail/oversized request", Buffer.alloc(100_000, 0x30), 413],
  ];
  it.each(garbage)("%s gives malformedRequest, never a crash", async (_n, body, httpStatus) => {
    const r = await responder.handleRequest(body);
    expect(r.status).toBe(httpStatus);
    expect(r.body.equals(Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]))).toBe(true);
    const judged = openssl(["ocsp", "-respin", tmp.file("g.der", r.body), "-resp_text", "-noverify"]);
    expect(judged.stdout + judged.stderr).toMatch(/Responder Error: malformedrequest \(1\)/i);
  });
});
