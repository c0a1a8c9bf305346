// The KMC's SM2EnvelopedKey (GB/T 35276 §7.4, issue 17 item 4): the encryption key pair comes back
// only to the holder of the signing key. OpenSSL 3.0 is the outside judge of the SM2Cipher part
// (it decrypts GM/T 0009 SM2Ciphertext with `pkeyutl -decrypt` and an SM2 key it made itself).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { sm2 as SM2 } from "sm-crypto-v2";
import { sm2PrivateKeyHex } from "@/ca/keys/sm2";
import { children, readRoot } from "@/ca/asn1/der";
import { CaError } from "@/ca/errors";
import {
  generateSm2KeyPair,
  openSm2EnvelopedKey,
  parseSm2EnvelopedKey,
  pairMatches,
  sealSm2EnvelopedKey,
  OID_SM4_ECB,
  MAX_ENVELOPE_BYTES,
} from "@/ca/kmc/sm2-enveloped-key";
import { TempDir, openssl, opensslOk } from "./helpers/openssl";

let tmp: TempDir;
beforeAll(() => {
  tmp = new TempDir();
});
afterAll(() => tmp.cleanup());

const signing = generateSm2KeyPair();
const encryption = generateSm2KeyPair();

function expectCaError(f: () => unknown, message: RegExp): void {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CaError);
    expect((e as Error).message).toMatch(message);
    return;
  }
  throw new Error("expected a CaError");
}

describe("SM2EnvelopedKey", () => {
  it("round trip: the signing key opens the envelope to the encryption key pair", () => {
    const envelope = sealSm2EnvelopedKey(encryption, signing.publicKeyHex);
    const opened = openSm2EnvelopedKey(envelope, signing.privateKeyHex);
    expect(opened).toEqual(encryption);
    expect(pairMatches(opened)).toBe(true);
  });

  it("has the GB/T 35276 shape: SM4-ECB, SM2Cipher of four parts, the public point, a 32-byte encrypted scalar", () => {
    const envelope = sealSm2EnvelopedKey(encryption, signing.publicKeyHex);
    const top = children(envelope, readRoot(envelope));
    expect(top.map((n) => n.tag)).toEqual([0x30, 0x30, 0x03, 0x03]);
    const parsed = parseSm2EnvelopedKey(envelope);
    expect(parsed.publicKeyHex).toBe(encryption.publicKeyHex);
    expect(parsed.encryptedPrivateKey).toHaveLength(32);
    expect(parsed.encryptedPrivateKey.toString("hex")).not.toBe(encryption.privateKeyHex);
    const cipher = children(parsed.sm2Cipher, readRoot(parsed.sm2Cipher));
    expect(cipher.map((n) => n.tag)).toEqual([0x02, 0x02, 0x04, 0x04]);
    expect(cipher[2]!.end - cipher[2]!.contentStart).toBe(32); // HASH (C3) before CipherText (C2)
    expect(cipher[3]!.end - cipher[3]!.contentStart).toBe(16); // the SM4 key
    expect(OID_SM4_ECB).toBe("1.2.156.10197.1.104.1");
    // The encrypted scalar never equals the clear one and two envelopes differ (fresh SM4 key each time).
    expect(sealSm2EnvelopedKey(encryption, signing.publicKeyHex).equals(envelope)).toBe(false);
  });

  it("a mismatched envelope (made for another signing key) fails with a clear error", () => {
    const other = generateSm2KeyPair();
    const envelope = sealSm2EnvelopedKey(encryption, other.publicKeyHex);
    expectCaError(() => openSm2EnvelopedKey(envelope, signing.privateKeyHex), /mismatched envelope/);
  });

  it("a tampered SM2 cipher fails the HASH check", () => {
    const envelope = sealSm2EnvelopedKey(encryption, signing.publicKeyHex);
    const parsed = parseSm2EnvelopedKey(envelope);
    const at = envelope.indexOf(parsed.sm2Cipher) + parsed.sm2Cipher.length - 1; // last byte of CipherText
    const tampered = Buffer.from(envelope);
    tampered[at]! ^= 0x01;
    expectCaError(() => openSm2EnvelopedKey(tampered, signing.privateKeyHex), /hash check failed/);
  });

  it("a tampered encrypted private key is refused: the opened scalar is not the public key's", () => {
    const envelope = sealSm2EnvelopedKey(encryption, signing.publicKeyHex);
    const tampered = Buffer.from(envelope);
    tampered[tampered.length - 1]! ^= 0x01;
    expectCaError(() => openSm2EnvelopedKey(tampered, signing.privateKeyHex), /not the enveloped public key's/);
  });

  it("an envelope whose public key was swapped is refused", () => {
    const envelope = sealSm2EnvelopedKey(encryption, signing.publicKeyHex);
    const swapped = Buffer.from(envelope.toString("hex").replace(encryption.publicKeyHex, generateSm2KeyPair().publicKeyHex), "hex");
    expectCaError(() => openSm2EnvelopedKey(swapped, signing.privateKeyHex), /not the enveloped public key's/);
  });

  it("bad input: garbage, oversize, an off-curve C1, an off-curve recipient are refused with CaError", () => {
    expect(() => parseSm2EnvelopedKey(Buffer.from("300100", "hex"))).toThrow(CaError);
    expect(() => parseSm2EnvelopedKey(Buffer.alloc(MAX_ENVELOPE_BYTES + 1))).toThrow(/larger/);
    const envelope = sealSm2EnvelopedKey(encryption, signing.publicKeyHex);
    const parsed = parseSm2EnvelopedKey(envelope);
    const xNode = children(parsed.sm2Cipher, readRoot(parsed.sm2Cipher))[0]!;
    const offCurve = Buffer.from(envelope);
    const xAt = envelope.indexOf(parsed.sm2Cipher) + xNode.end - 1;
    offCurve[xAt]! ^= 0x01;
    expectCaError(() => openSm2EnvelopedKey(offCurve, signing.privateKeyHex), /point C1/);
    expectCaError(() => sealSm2EnvelopedKey(encryption, "04" + "11".repeat(64)), /recipient key/);
    expectCaError(() => sealSm2EnvelopedKey({ ...encryption, privateKeyHex: signing.privateKeyHex }, signing.publicKeyHex), /does not match/);
  });
});

describe("OpenSSL 3.0 as the outside judge of the SM2Cipher", () => {
  it("openssl pkeyutl -decrypt opens our SM2Cipher with its own SM2 key, and openssl enc -sm4-ecb then gives the enveloped private key", () => {
    const keyFile = tmp.file("sm2.pem");
    opensslOk(["genpkey", "-algorithm", "SM2", "-out", keyFile]);
    const privateKeyHex = sm2PrivateKeyHex(createPrivateKey(readFileSync(keyFile)));
    const publicKeyHex = SM2.getPublicKeyFromPrivateKey(privateKeyHex);
    const envelope = sealSm2EnvelopedKey(encryption, publicKeyHex);
    const parsed = parseSm2EnvelopedKey(envelope);
    const cipherFile = tmp.file("cipher.der", parsed.sm2Cipher);
    const sm4KeyFile = tmp.file("sm4.key");
    const out = openssl(["pkeyutl", "-decrypt", "-inkey", keyFile, "-in", cipherFile, "-out", sm4KeyFile]);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    const sm4Key = readFileSync(sm4KeyFile);
    expect(sm4Key).toHaveLength(16);
    // ... and with that key OpenSSL's SM4-ECB decrypts the enveloped scalar to the encryption private key.
    const scalarFile = tmp.file("scalar.enc", parsed.encryptedPrivateKey);
    const scalarOut = tmp.file("scalar.bin");
    opensslOk(["enc", "-d", "-sm4-ecb", "-nopad", "-K", sm4Key.toString("hex"), "-in", scalarFile, "-out", scalarOut]);
    expect(readFileSync(scalarOut).toString("hex")).toBe(encryption.privateKeyHex);
    expect(openSm2EnvelopedKey(envelope, privateKeyHex)).toEqual(encryption);
  });

  it("an SM2Cipher that OpenSSL made is opened by our decryption (same GM/T 0009 layout)", async () => {
    const keyFile = tmp.file("sm2b.pem");
    opensslOk(["genpkey", "-algorithm", "SM2", "-out", keyFile]);
    const plainFile = tmp.file("plain.bin", Buffer.from("00112233445566778899aabbccddeeff", "hex"));
    const cipherFile = tmp.file("cipher-openssl.der");
    opensslOk(["pkeyutl", "-encrypt", "-inkey", keyFile, "-in", plainFile, "-out", cipherFile]);
    const { decryptSm2Cipher } = await import("@/ca/kmc/sm2-enveloped-key");
    const privateKeyHex = sm2PrivateKeyHex(createPrivateKey(readFileSync(keyFile)));
    expect(decryptSm2Cipher(readFileSync(cipherFile), privateKeyHex).toString("hex")).toBe("00112233445566778899aabbccddeeff");
  });
});
