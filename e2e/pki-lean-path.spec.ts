import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./support/page-scan";

// Issue 16 item 1: under `npm start` (which is how the browser tests run the portal) the PKI
// endpoints are answered by the lean path (src/server/pki-server, through scripts/pki-fast-path.cjs)
// on the portal's own port, not by Next's route handlers; what the lean path declines (/pki/cps)
// and Next's own route (/ca/ocsp) are still served by Next. One relying party, one journey.

const LEAN = "x-portal-responder";

test("npm start answers OCSP, CRLs and CA certificates on the lean path, with CDN caching on GET only; Next keeps the rest", async ({ request }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pki-lean-"));
  // The issuing CA's certificate, as a relying party fetches it from the AIA URL.
  const issuer = await request.get("/pki/ca/issuing-ec.cer");
  expect(issuer.status()).toBe(200);
  expect(issuer.headers()[LEAN]).toBe("lean");
  expect(issuer.headers()["x-content-type-options"]).toBe("nosniff");
  writeFileSync(path.join(dir, "issuer.der"), await issuer.body());
  execFileSync("openssl", ["x509", "-inform", "DER", "-in", path.join(dir, "issuer.der"), "-out", path.join(dir, "issuer.pem")]);
  // An OCSP request for a serial this CA never issued: a signed "unknown" answer, never cached.
  execFileSync("openssl", ["ocsp", "-issuer", path.join(dir, "issuer.pem"), "-serial", "0x5a11cafe0123", "-no_nonce", "-reqout", path.join(dir, "req.der")]);
  const req = readFileSync(path.join(dir, "req.der"));
  const read = (body: Buffer, name: string) => {
    writeFileSync(path.join(dir, name), body);
    return execFileSync("openssl", ["ocsp", "-respin", path.join(dir, name), "-resp_text", "-noverify"], { encoding: "utf8" });
  };

  const post = await request.post("/pki/ocsp", { data: req, headers: { "content-type": "application/ocsp-request" } });
  expect(post.status()).toBe(200);
  expect(post.headers()[LEAN]).toBe("lean");
  expect(post.headers()["cache-control"]).toBe("no-store");
  expect(read(await post.body(), "post.der")).toMatch(/Response Status: successful[\s\S]*Cert Status: unknown/);

  const get = await request.get(`/pki/ocsp/${encodeURIComponent(req.toString("base64"))}`);
  expect(get.status()).toBe(200);
  expect(get.headers()[LEAN]).toBe("lean");
  expect(read(await get.body(), "get.der")).toMatch(/Cert Status: unknown/);

  // The same request through Next's route handler: same engine, no lean mark.
  const viaNext = await request.post("/ca/ocsp", { data: req, headers: { "content-type": "application/ocsp-request" } });
  expect(viaNext.status()).toBe(200);
  expect(viaNext.headers()[LEAN]).toBeUndefined();
  expect(read(await viaNext.body(), "next.der")).toMatch(/Cert Status: unknown/);

  const crl = await request.get("/pki/crl/issuing-ec/0.crl");
  expect(crl.status()).toBe(200);
  expect(crl.headers()[LEAN]).toBe("lean");
  expect(crl.headers()["content-type"]).toBe("application/pkix-crl");

  // Refusals are the lean path's too: 405 with what is allowed, 413 past the request limit.
  const head = await request.head("/pki/crl/issuing-ec/0.crl");
  expect(head.status()).toBe(405);
  expect(head.headers()["allow"]).toBe("GET");
  const big = await request.post("/pki/ocsp", { data: Buffer.alloc(64 * 1024, 0x30), headers: { "content-type": "application/ocsp-request" } });
  expect(big.status()).toBe(413);
  expect(big.headers()[LEAN]).toBe("lean");

  // What the lean path declines goes to Next as before.
  const cps = await request.get("/pki/cps", { maxRedirects: 0 });
  expect(cps.status()).toBe(302);
  expect(cps.headers()[LEAN]).toBeUndefined();
});
