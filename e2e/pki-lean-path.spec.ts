import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspectCertificate, newSubscriber, seed } from "./console-case-helpers";
import { demoAccount } from "./console-helpers";
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

// RFC 5019 revalidation through the running portal: a CDN (or client) holding the GET answer asks
// again with its ETag and gets 304 with no body while the pre-signed response is the same one.
test("an OCSP GET answered with an ETag is answered 304 without a body when asked again with If-None-Match", async ({ page, request }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "pki-304-"));
  // A certificate this CA issued (a good answer, pre-signed, cacheable), with its issuer.
  const subscriberEmail = await newSubscriber(page, "ocsp-304");
  const { certificateId } = await seed<{ certificateId: string }>(page, { action: "certificate", subscriberEmail, officerEmail: demoAccount("RA_OFFICER").email });
  const cert = await inspectCertificate(page, certificateId);
  writeFileSync(path.join(dir, "leaf.pem"), cert.pem);
  writeFileSync(path.join(dir, "issuer.pem"), cert.issuerPem);
  execFileSync("openssl", ["ocsp", "-issuer", path.join(dir, "issuer.pem"), "-cert", path.join(dir, "leaf.pem"), "-no_nonce", "-reqout", path.join(dir, "req.der")]);
  const url = `/pki/ocsp/${encodeURIComponent(readFileSync(path.join(dir, "req.der")).toString("base64"))}`;

  const first = await request.get(url);
  expect(first.status()).toBe(200);
  expect(first.headers()[LEAN]).toBe("lean");
  const etag = first.headers()["etag"];
  expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
  expect(first.headers()["cache-control"]).toMatch(/max-age=\d+/);
  writeFileSync(path.join(dir, "resp.der"), await first.body());
  expect(execFileSync("openssl", ["ocsp", "-respin", path.join(dir, "resp.der"), "-resp_text", "-noverify"], { encoding: "utf8" })).toMatch(/Cert Status: good/);

  const again = await request.get(url, { headers: { "if-none-match": etag! } });
  expect(again.status()).toBe(304);
  expect((await again.body()).length).toBe(0);
  expect(again.headers()["etag"]).toBe(etag);
  expect(again.headers()["cache-control"]).toMatch(/max-age=\d+/);
  expect(again.headers()["last-modified"]).toBe(first.headers()["last-modified"]);

  // Another tag, or the POST form (not cacheable), gets the whole answer.
  const other = await request.get(url, { headers: { "if-none-match": '"0000000000000000000000000000000000000000"' } });
  expect(other.status()).toBe(200);
  expect((await other.body()).equals(await first.body())).toBe(true);
  const post = await request.post("/pki/ocsp", { data: readFileSync(path.join(dir, "req.der")), headers: { "content-type": "application/ocsp-request", "if-none-match": etag! } });
  expect(post.status()).toBe(200);
  expect((await post.body()).length).toBeGreaterThan(0);
});
