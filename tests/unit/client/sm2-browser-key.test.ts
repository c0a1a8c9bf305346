// The browser's SM2 key code (src/client), run on Node's WebCrypto, judged by OpenSSL 3 and by the
// server's one signature check (verifySubscriberSignature). IndexedDB itself is not here: what is
// stored is checked through the StoredKey the generator answers.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sm2 } from "sm-crypto-v2";
import { generateBrowserKey, certificateRequest, storedKeyPkcs8 } from "@/client/browser-key";
import { browserKeyAlgorithmFor } from "@/client/browser-key-algorithm";
import type { Sm2StoredKey } from "@/client/key-store";
import { buildBrowserPkcs12, pemToDer } from "@/client/pkcs12";
import { readPkcs12Key } from "@/client/pkcs12-read";
import { encryptedPkcs8Pem } from "@/client/pkcs8-export";
import { signText } from "@/client/certificate-signer";
import { storedSigningKey } from "@/client/signing-key";
import { generateSm2KeyPair, isSm2Pkcs8, sm2CertificateRequestPem, sm2KeyFromPkcs8, sm2Pkcs8Der, SM2_USER_ID } from "@/client/sm2-key";
import { unwrapSm2PrivateKey, wrapSm2PrivateKey } from "@/client/sm2-key-wrap";
import { verifySubscriberSignature } from "@/server/shared/test-challenge";
import { openssl, opensslOk, TempDir } from "../../ca/helpers/openssl";

const DISTID = `distid:${SM2_USER_ID}`;
const tmp = new TempDir();
const PASSWORD = "Correct-Horse-9-Battery";

/** An SM2 CA made by OpenSSL certifies the browser's request: OpenSSL is the outside judge of the request and the key files. */
function certify(csrPem: string, name: string): { der: Buffer; pem: string } {
  const csr = tmp.file(`${name}.csr`, csrPem);
  const out = tmp.file(`${name}.pem`);
  opensslOk(["x509", "-req", "-in", csr, "-CA", tmp.file("ca.pem"), "-CAkey", tmp.file("ca.key"), "-set_serial", "7", "-days", "2", "-sm3", "-sigopt", DISTID, "-vfyopt", DISTID, "-out", out]);
  const pem = opensslOk(["x509", "-in", out]);
  return { der: pemToDerBuffer(pem), pem };
}
const pemToDerBuffer = (pem: string) => Buffer.from(pemToDer(pem));

let key: Sm2StoredKey;
let csrPem: string;
let cert: { der: Buffer; pem: string };
let caPem: string;

beforeAll(async () => {
  opensslOk(["genpkey", "-algorithm", "SM2", "-out", tmp.file("ca.key")]);
  opensslOk(["req", "-new", "-x509", "-key", tmp.file("ca.key"), "-sm3", "-sigopt", DISTID, "-subj", "/CN=test SM2 CA", "-days", "2", "-out", tmp.file("ca.pem")]);
  caPem = opensslOk(["x509", "-in", tmp.file("ca.pem")]);
  const steps: string[] = [];
  const made = await generateBrowserKey("app-1", (s) => steps.push(s), "SM2");
  expect(steps).toEqual(["generating", "signing", "storing"]);
  expect(made.key.algorithm).toBe("SM2");
  key = made.key as Sm2StoredKey;
  csrPem = made.csrPem;
  cert = certify(csrPem, "leaf");
}, 60_000);
afterAll(() => tmp.cleanup());

describe("which key the wizard makes", () => {
  it("SM2 for a profile that allows SM2 only, P-256 otherwise (also for an unknown list)", () => {
    expect(browserKeyAlgorithmFor(["SM2"])).toBe("SM2");
    expect(browserKeyAlgorithmFor(["EC-P256", "RSA-2048"])).toBe("EC-P256");
    expect(browserKeyAlgorithmFor(["EC-P256", "SM2"])).toBe("EC-P256");
    expect(browserKeyAlgorithmFor(undefined)).toBe("EC-P256");
  });
});

describe("the SM2 certificate request", () => {
  it("verifies in OpenSSL with the user ID 1234567812345678 and not with another ID", () => {
    const csr = tmp.file("check.csr", csrPem);
    // OpenSSL 3.0's `req -verify` exits 0 even when the signature fails: its words are the verdict.
    const said = (id: string) => {
      const r = openssl(["req", "-in", csr, "-verify", "-noout", "-vfyopt", `distid:${id}`]);
      return `${r.stdout}${r.stderr}`;
    };
    expect(said(SM2_USER_ID)).toMatch(/verify OK/);
    expect(said("1234567812345679")).toMatch(/verify failure/);
    expect(said("")).not.toMatch(/verify OK/);
    const text = opensslOk(["req", "-in", csr, "-noout", "-text"]);
    expect(text).toMatch(/SM2-with-SM3|sm2sign-with-sm3/);
    expect(text).toMatch(/ASN1 OID: SM2/);
  });

  it("the certificate OpenSSL issued for it holds the stored key (SPKI hash) and verifies with distid", () => {
    const spki = opensslOk(["x509", "-in", tmp.file("leaf.pem"), "-noout", "-pubkey"]);
    const spkiDer = pemToDerBuffer(spki);
    expect(createHash("sha256").update(spkiDer).digest("hex")).toBe(key.spkiSha256);
    const v = openssl(["verify", "-vfyopt", DISTID, "-CAfile", tmp.file("ca.pem"), tmp.file("leaf.pem")]);
    expect(v.status, v.stderr).toBe(0);
  });

  it("a renewal with the same key signs a new request for the same public key", async () => {
    const again = await certificateRequest(key);
    expect(again.spkiSha256).toBe(key.spkiSha256);
    const r = openssl(["req", "-in", tmp.file("again.csr", again.csrPem), "-verify", "-noout", "-vfyopt", DISTID]);
    expect(`${r.stdout}${r.stderr}`).toMatch(/verify OK/);
    expect(opensslOk(["req", "-in", tmp.file("again.csr"), "-noout", "-pubkey"])).toBe(opensslOk(["req", "-in", tmp.file("check.csr"), "-noout", "-pubkey"]));
  });
});

describe("the SM2 key at rest", () => {
  it("is not kept as plain hex: AES-GCM under a non-extractable key, bound to its public key", async () => {
    expect(key.wrappedPrivateKey.wrappingKey.extractable).toBe(false);
    expect(key.wrappedPrivateKey.wrappingKey.algorithm.name).toBe("AES-GCM");
    const pair = await unwrapSm2PrivateKey(key.wrappedPrivateKey, key.publicKeyHex);
    expect(sm2.getPublicKeyFromPrivateKey(pair.privateKeyHex)).toBe(key.publicKeyHex);
    expect(Buffer.from(key.wrappedPrivateKey.ciphertext).toString("hex")).not.toContain(pair.privateKeyHex);
    // Moved onto another record (another public key), the ciphertext does not open.
    const other = generateSm2KeyPair();
    await expect(unwrapSm2PrivateKey(key.wrappedPrivateKey, other.publicKeyHex)).rejects.toThrow();
    const rewrapped = await wrapSm2PrivateKey(other);
    expect((await unwrapSm2PrivateKey(rewrapped, other.publicKeyHex)).privateKeyHex).toBe(other.privateKeyHex);
  });
});

describe("signatures by the stored SM2 key, checked by the server", () => {
  const challenge = "v1.eyJjaWQiOiJ4In0.sig";

  it("the certificate test / revocation signature verifies with the certificate", async () => {
    const signer = storedSigningKey(key);
    expect(signer.algorithm).toBe("SM2");
    const signature = await signText(signer, challenge);
    expect(verifySubscriberSignature(cert.der, challenge, signature)).toBe(true);
    expect(verifySubscriberSignature(cert.der, `${challenge}x`, signature)).toBe(false);
  });

  it("a signature made with another user ID, by another key, or malformed fails", async () => {
    const pair = await unwrapSm2PrivateKey(key.wrappedPrivateKey, key.publicKeyHex);
    const data = new TextEncoder().encode(challenge);
    const wrongId = Buffer.from(sm2.doSignature(data, pair.privateKeyHex, { der: true, hash: true, userId: "1234567812345679", publicKey: pair.publicKeyHex }), "hex");
    expect(verifySubscriberSignature(cert.der, challenge, wrongId.toString("base64"))).toBe(false);
    const rightId = Buffer.from(sm2.doSignature(data, pair.privateKeyHex, { der: true, hash: true, userId: SM2_USER_ID, publicKey: pair.publicKeyHex }), "hex");
    expect(verifySubscriberSignature(cert.der, challenge, rightId.toString("base64"))).toBe(true);
    const stranger = generateSm2KeyPair();
    const byStranger = Buffer.from(sm2.doSignature(data, stranger.privateKeyHex, { der: true, hash: true, userId: SM2_USER_ID, publicKey: stranger.publicKeyHex }), "hex");
    expect(verifySubscriberSignature(cert.der, challenge, byStranger.toString("base64"))).toBe(false);
    expect(verifySubscriberSignature(cert.der, challenge, "")).toBe(false);
    expect(verifySubscriberSignature(cert.der, challenge, Buffer.alloc(4000, 0x30).toString("base64"))).toBe(false);
    expect(verifySubscriberSignature(Buffer.from("not a certificate"), challenge, rightId.toString("base64"))).toBe(false);
  });

  it("a signature OpenSSL makes with the key file and distid verifies too (a subscriber's own tools)", async () => {
    const pem = await encryptedPkcs8Pem(await storedKeyPkcs8(key), PASSWORD);
    const plain = tmp.file("plain.key");
    opensslOk(["pkey", "-in", tmp.file("enc.pem", pem), "-passin", `pass:${PASSWORD}`, "-out", plain]);
    const sig = opensslOk(["pkeyutl", "-sign", "-rawin", "-digest", "sm3", "-inkey", plain, "-pkeyopt", DISTID, "-in", tmp.file("challenge.txt", challenge), "-out", tmp.file("sig.der")]);
    expect(sig).toBe("");
    const der = readFileSync(tmp.file("sig.der"));
    expect(verifySubscriberSignature(cert.der, challenge, der.toString("base64"))).toBe(true);
  });
});

describe("exports OpenSSL 3 reads", () => {
  it("encrypted PKCS#8 PEM (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC): openssl pkey opens it and its public key is the certificate's", async () => {
    const pem = await encryptedPkcs8Pem(await storedKeyPkcs8(key), PASSWORD);
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    const file = tmp.file("export.pem", pem);
    const asn = opensslOk(["asn1parse", "-in", file]);
    expect(asn).toMatch(/PBES2/);
    expect(asn).toMatch(/PBKDF2/);
    expect(asn).toMatch(/hmacWithSHA256/);
    expect(asn).toMatch(/aes-256-cbc/);
    const pub = opensslOk(["pkey", "-in", file, "-passin", `pass:${PASSWORD}`, "-pubout"]);
    expect(pub).toBe(opensslOk(["x509", "-in", tmp.file("leaf.pem"), "-noout", "-pubkey"]));
    expect(opensslOk(["pkey", "-in", file, "-passin", `pass:${PASSWORD}`, "-noout", "-text"])).toMatch(/ASN1 OID: SM2/);
    expect(openssl(["pkey", "-in", file, "-passin", "pass:wrong-password", "-noout"]).status).not.toBe(0);
  });

  it("PKCS#12 holding the SM2 key: OpenSSL 3.0 reads it (MAC, key, certificates), and the browser's reader signs with it", async () => {
    const p12 = await buildBrowserPkcs12(await storedKeyPkcs8(key), [cert.der, pemToDer(caPem)], PASSWORD);
    const file = tmp.file("export.p12", p12);
    const info = openssl(["pkcs12", "-in", file, "-passin", `pass:${PASSWORD}`, "-info", "-noout"]);
    expect(info.status, info.stderr).toBe(0);
    expect(info.stderr).toMatch(/MAC: sha256/);
    const keyPem = opensslOk(["pkcs12", "-in", file, "-passin", `pass:${PASSWORD}`, "-nocerts", "-nodes"]);
    expect(opensslOk(["pkey", "-pubout"], keyPem)).toBe(opensslOk(["x509", "-in", tmp.file("leaf.pem"), "-noout", "-pubkey"]));
    expect(opensslOk(["pkcs12", "-in", file, "-passin", `pass:${PASSWORD}`, "-nokeys"])).toContain(cert.pem.trim().split("\n")[1]);

    const fromFile = await readPkcs12Key(Uint8Array.from(p12).buffer, PASSWORD);
    expect(fromFile.algorithm).toBe("SM2");
    const signature = await signText(fromFile, "from a file");
    expect(verifySubscriberSignature(cert.der, "from a file", signature)).toBe(true);
  });

  it("a PKCS#12 OpenSSL made for an SM2 key opens in the browser's reader too", async () => {
    const plain = tmp.file("plain2.key");
    opensslOk(["pkey", "-in", tmp.file("enc2.pem", await encryptedPkcs8Pem(await storedKeyPkcs8(key), PASSWORD)), "-passin", `pass:${PASSWORD}`, "-out", plain]);
    const out = tmp.file("openssl.p12");
    opensslOk(["pkcs12", "-export", "-inkey", plain, "-in", tmp.file("leaf.pem"), "-passout", `pass:${PASSWORD}`, "-keypbe", "AES-256-CBC", "-certpbe", "AES-256-CBC", "-macalg", "sha256", "-out", out]);
    const fromFile = await readPkcs12Key(Uint8Array.from(readFileSync(out)).buffer, PASSWORD);
    expect(fromFile.algorithm).toBe("SM2");
    expect(verifySubscriberSignature(cert.der, "x", await signText(fromFile, "x"))).toBe(true);
  });

  it("the PKCS#8 the browser writes reads back to the same key, and a damaged one is refused", () => {
    const pair = generateSm2KeyPair();
    const der = sm2Pkcs8Der(pair);
    expect(isSm2Pkcs8(der)).toBe(true);
    expect(sm2KeyFromPkcs8(der)).toEqual(pair);
    const damaged = Uint8Array.from(der);
    damaged[damaged.length - 1]! ^= 1; // last byte of the stated public key
    expect(() => sm2KeyFromPkcs8(damaged)).toThrow(/does not match/);
    expect(isSm2Pkcs8(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00))).toBe(false);
    expect(sm2CertificateRequestPem(pair)).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
  });
});
