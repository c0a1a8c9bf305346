// The OCSP side of bench:portal: the request for a certificate the portal's own CA issued, and the
// reference, an `openssl ocsp` responder holding the same certificate with the portal's own OCSP signer.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { X509Certificate } from "node:crypto";
import { parseCertificate } from "../../src/ca/asn1/certificate-parts";
import { decryptPrivateKey } from "../../src/ca/keys/file-key-custody";
import { makeOcspRequest } from "../bench-lib";
import { startChild, waitForHttp } from "./processes";
import type { PreparedCa } from "./portal-server";

const pemBody = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");

/** The first certificate of a PEM file (a chain file starts with the issuing CA). */
export function firstPemCertificate(file: string): string {
  const m = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(readFileSync(file, "utf8"));
  if (!m) throw new Error(`no certificate in ${file}`);
  return m[0] + "\n";
}

export type OcspRequests = { der: Buffer; getPath: string };

/** The single-CertID request (SHA-1, no nonce: what RFC 5019 clients send) and its GET form. */
export function ocspRequestsFor(ca: PreparedCa): OcspRequests {
  const issuer = parseCertificate(pemBody(firstPemCertificate(ca.chainPem)));
  const der = makeOcspRequest(issuer, ca.serialHex);
  // RFC 5019 §5: the DER request, base64, then URL-encoded ("/" and "+" and "=" escaped).
  return { der, getPath: encodeURIComponent(der.toString("base64")) };
}

/** `openssl ocsp` on the answer: the responder must say "good" for our serial, or its figures mean nothing. */
export function describeOcspAnswer(der: Buffer, work: string, name: string): { good: boolean; text: string } {
  const file = path.join(work, `${name}.ocsp-response.der`);
  writeFileSync(file, der);
  const r = spawnSync("openssl", ["ocsp", "-respin", file, "-resp_text", "-noverify"], { encoding: "utf8" });
  const text = `${r.stdout}${r.stderr}`;
  return { good: /Response Status: successful/.test(text) && /Cert Status: good/.test(text), text };
}

const utcTime = (d: Date) => d.toISOString().replace(/[-:T]/g, "").slice(2, 14) + "Z";

/**
 * Starts `openssl ocsp -index ... -rsigner ...` for the issued certificate, signing with the portal's
 * OCSP signer key (decrypted from DATA_DIR/ca/keys with the portal's passphrase into the work folder, 0600).
 */
export async function startOpensslResponder(ca: PreparedCa, work: string, port: number, probe: OcspRequests) {
  const w = path.join(work, "openssl-ocsp");
  mkdirSync(w, { recursive: true, mode: 0o700 });
  const cert = new X509Certificate(readFileSync(ca.certPem));
  writeFileSync(path.join(w, "index.txt"), `V\t${utcTime(new Date(cert.validTo))}\t\t${ca.serialHex.toUpperCase()}\tunknown\t/CN=bench\n`);
  writeFileSync(path.join(w, "index.txt.attr"), "unique_subject = no\n");
  writeFileSync(path.join(w, "ca.pem"), firstPemCertificate(ca.chainPem));
  const signerName = ca.issuerName.replace(/^issuing-/, "ocsp-");
  writeFileSync(path.join(w, "rsigner.pem"), readFileSync(path.join(ca.certsDir, `${signerName}.pem`)));
  const keyFile = readdirSync(ca.keysDir).find((f) => f.endsWith(`-${signerName}.key.pem`));
  if (!keyFile) throw new Error(`no key file for ${signerName} in ${ca.keysDir} (keys in an HSM cannot be handed to openssl)`);
  const key = decryptPrivateKey(readFileSync(path.join(ca.keysDir, keyFile)), ca.passphrase);
  writeFileSync(path.join(w, "rkey.pem"), key.export({ type: "pkcs8", format: "pem" }) as string, { mode: 0o600 });
  const { child, log } = startChild(
    "openssl",
    ["ocsp", "-index", path.join(w, "index.txt"), "-CA", path.join(w, "ca.pem"), "-rsigner", path.join(w, "rsigner.pem"), "-rkey", path.join(w, "rkey.pem"), "-port", String(port), "-nmin", "60", "-ignore_err"],
    {},
    "openssl",
  );
  const url = `http://127.0.0.1:${port}/`;
  if (!(await waitForHttp(url, child, 10_000))) throw new Error(`openssl ocsp did not start: ${log()}`);
  const answer = await fetch(url, { method: "POST", body: new Uint8Array(probe.der), headers: { "content-type": "application/ocsp-request" } });
  const check = describeOcspAnswer(Buffer.from(await answer.arrayBuffer()), work, "openssl");
  if (!check.good) throw new Error(`openssl ocsp did not answer "good" for ${ca.serialHex}:\n${check.text}\n${log()}`);
  return { child, url, log };
}
