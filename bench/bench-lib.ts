// Helpers shared by the CA benchmark and its child processes.
import { createHash, generateKeyPairSync, sign } from "node:crypto";
import http from "node:http";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { NULL, bitString, children, contentOf, integer, octetString, oid, readRoot, seq, setOf, tlv, unsignedInteger, utf8 } from "../src/ca/asn1/der";
import { OID } from "../src/ca/asn1/oids";
import { hierarchyFromJson, loadHierarchy } from "../src/ca/hierarchy/hierarchy";
import { fileKeyCustody } from "../src/ca/keys/file-key-custody";
import { sm2Sign, sm2Spki } from "../src/ca/keys/sm2";
import { sm2 as SM2 } from "sm-crypto-v2";

export const PASSPHRASE = "bench-passphrase-not-secret";

export async function openBenchHierarchy(dir: string) {
  return loadHierarchy(hierarchyFromJson(await readFile(path.join(dir, "hierarchy.json"), "utf8")), fileKeyCustody(path.join(dir, "keys"), PASSPHRASE));
}

/** A P-256 PKCS#10 request built directly (node:crypto cannot make CSRs). */
export function makeEcCsr(cn: string): Buffer {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const info = seq(integer(0), seq(setOf(seq(oid(OID.commonName), utf8(cn)))), spki, tlv(0xa0));
  const sig = sign("sha256", info, privateKey);
  return seq(info, seq(oid(OID.ecdsaSha256)), bitString(sig));
}

/** An SM2 PKCS#10 request (SM3withSM2, user ID 1234567812345678), as `openssl req -sm3 -sigopt distid:…` makes it. */
export function makeSm2Csr(cn: string): Buffer {
  const { privateKey, publicKey } = SM2.generateKeyPairHex();
  const info = seq(integer(0), seq(setOf(seq(oid(OID.commonName), utf8(cn)))), sm2Spki(publicKey), tlv(0xa0));
  return seq(info, seq(oid(OID.sm2WithSm3)), bitString(sm2Sign(privateKey, publicKey, info)));
}

/** A single-CertID OCSP request with a SHA-1 CertID, no nonce (what RFC 5019 clients send). */
export function makeOcspRequest(issuerCertParts: { subjectName: Buffer; spki: Buffer }, serialHex: string): Buffer {
  const spki = issuerCertParts.spki;
  const keyBits = contentOf(spki, children(spki, readRoot(spki))[1]!).subarray(1);
  const nameHash = createHash("sha1").update(issuerCertParts.subjectName).digest();
  const keyHash = createHash("sha1").update(keyBits).digest();
  const certId = seq(seq(oid(OID.sha1), NULL), octetString(nameHash), octetString(keyHash), unsignedInteger(Buffer.from(serialHex, "hex")));
  return seq(seq(seq(seq(certId))));
}

/** Keep-alive POST load for a fixed duration; returns requests per second. */
export async function loadTest(url: string, bodies: Buffer[], seconds: number, concurrency: number): Promise<{ rps: number; errors: number; ok: number }> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = Date.now() + seconds * 1000;
  let ok = 0;
  let errors = 0;
  let i = 0;
  const one = (body: Buffer) =>
    new Promise<void>((resolve) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname, method: "POST", agent, headers: { "content-type": "application/ocsp-request", "content-length": body.length } },
        (res) => {
          let n = 0;
          res.on("data", (c: Buffer) => (n += c.length));
          res.on("end", () => {
            if (res.statusCode === 200 && n > 100) ok++;
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const start = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) await one(bodies[i++ % bodies.length]!);
    }),
  );
  agent.destroy();
  return { rps: ok / ((Date.now() - start) / 1000), errors, ok };
}
