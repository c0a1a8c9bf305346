// The key-management component's envelope (GM/T 0034 dual certificates): the CA makes the
// subscriber's SM2 ENCRYPTION key pair and hands the private key back enveloped to the
// subscriber's SIGNING public key, in the structure of GB/T 35276-2017 §7.4 / GM/T 0009 §7.4:
//
//   SM2EnvelopedKey ::= SEQUENCE {
//     symAlgID               AlgorithmIdentifier,  -- SM4-ECB, 1.2.156.10197.1.104.1
//     symEncryptedKey        SM2Cipher,            -- the SM4 key, SM2-encrypted to the signing key
//     sm2PublicKey           BIT STRING,           -- the encryption public key, 04||x||y
//     sm2EncryptedPrivateKey BIT STRING }          -- the 32-byte private scalar under SM4
//   SM2Cipher ::= SEQUENCE { XCoordinate INTEGER, YCoordinate INTEGER, HASH OCTET STRING (32), CipherText OCTET STRING }
//
// Why SM4-ECB: the structure has no field for an IV, and what it encrypts is exactly two blocks
// of a uniformly random scalar encrypted once under a fresh one-time key, so ECB leaks nothing and
// is what the GM/T 0016 / SKF tools that import such envelopes expect. A reader also accepts an
// explicit NULL parameter, which some writers add.
import { randomBytes } from "node:crypto";
import { sm2 as SM2, sm4 as SM4 } from "sm-crypto-v2";
import { bitString, children, contentOf, expectTag, integerHex, oid, readOid, readRoot, seq, type Node } from "../asn1/der";
import { CaError } from "../errors";

export const OID_SM4_ECB = "1.2.156.10197.1.104.1";
/** C1C3C2, the GM/T 0009 order (sm-crypto-v2's cipherMode 1). */
const C1C3C2 = 1;
/** An envelope is ~300 bytes; anything far larger is refused before parsing. */
export const MAX_ENVELOPE_BYTES = 2048;

export interface Sm2KeyPairHex {
  /** 32-byte private scalar, 64 hex digits */
  privateKeyHex: string;
  /** uncompressed point 04||x||y, 130 hex digits */
  publicKeyHex: string;
}

/** A fresh SM2 key pair from the library's CSPRNG (crypto.getRandomValues). */
export function generateSm2KeyPair(): Sm2KeyPairHex {
  const { privateKey, publicKey } = SM2.generateKeyPairHex();
  return { privateKeyHex: privateKey.padStart(64, "0"), publicKeyHex: publicKey };
}

/** Envelopes the encryption key pair to the recipient's (the signing key's) public key. */
export function sealSm2EnvelopedKey(keyPair: Sm2KeyPairHex, recipientPublicKeyHex: string): Buffer {
  assertPoint(recipientPublicKeyHex, "the recipient key");
  assertPair(keyPair);
  const sm4Key = randomBytes(16);
  const encryptedScalar = SM4.encrypt(Buffer.from(keyPair.privateKeyHex, "hex"), sm4Key, { mode: "ecb", padding: "none", output: "array" });
  const sm2Cipher = Buffer.from(SM2.doEncrypt(sm4Key, recipientPublicKeyHex, C1C3C2, { asn1: true }), "hex");
  sm4Key.fill(0);
  return seq(seq(oid(OID_SM4_ECB)), sm2Cipher, bitString(Buffer.from(keyPair.publicKeyHex, "hex")), bitString(encryptedScalar));
}

export interface ParsedSm2EnvelopedKey {
  /** DER of the SM2Cipher, as it came */
  sm2Cipher: Buffer;
  publicKeyHex: string;
  encryptedPrivateKey: Buffer;
}

/** Reads the structure and checks every part's shape; INVALID_INPUT (or DER_MALFORMED) when it is not an SM2EnvelopedKey. */
export function parseSm2EnvelopedKey(der: Uint8Array): ParsedSm2EnvelopedKey {
  if (der.length > MAX_ENVELOPE_BYTES) throw new CaError("INPUT_TOO_LARGE", "the key envelope is larger than any SM2EnvelopedKey");
  const top = children(der, expectTag(readRoot(der), 0x30, "SM2EnvelopedKey"));
  if (top.length !== 4) throw new CaError("INVALID_INPUT", "an SM2EnvelopedKey has four parts");
  const alg = children(der, expectTag(top[0], 0x30, "symAlgID"));
  if (readOid(der, alg[0]) !== OID_SM4_ECB) throw new CaError("INVALID_INPUT", "the key envelope's symmetric algorithm is not SM4-ECB");
  if (alg.length > 2 || (alg[1] && (alg[1].tag !== 0x05 || alg[1].end !== alg[1].contentStart))) {
    throw new CaError("INVALID_INPUT", "SM4-ECB takes no parameters");
  }
  const cipherNode = expectTag(top[1], 0x30, "SM2Cipher");
  checkSm2Cipher(der, cipherNode);
  const point = bitStringBytes(der, top[2], "sm2PublicKey");
  const publicKeyHex = point.toString("hex");
  assertPoint(publicKeyHex, "the enveloped public key");
  const encryptedPrivateKey = bitStringBytes(der, top[3], "sm2EncryptedPrivateKey");
  if (encryptedPrivateKey.length !== 32) throw new CaError("INVALID_INPUT", "the encrypted private key is not one 32-byte SM2 scalar");
  return { sm2Cipher: Buffer.from(der.subarray(cipherNode.start, cipherNode.end)), publicKeyHex, encryptedPrivateKey };
}

/**
 * Opens the envelope with the recipient's (signing) private key and returns the encryption key
 * pair, checked: the SM2 cipher's HASH must match (else the envelope was made for another key, or
 * altered), and the opened scalar must be the private key of the public key in the envelope.
 */
export function openSm2EnvelopedKey(der: Uint8Array, recipientPrivateKeyHex: string): Sm2KeyPairHex {
  const parsed = parseSm2EnvelopedKey(der);
  const sm4Key = decryptSm2Cipher(parsed.sm2Cipher, recipientPrivateKeyHex);
  if (sm4Key.length !== 16) throw new CaError("INVALID_INPUT", "the envelope's SM2 cipher holds no SM4 key");
  const scalar = Buffer.from(SM4.decrypt(parsed.encryptedPrivateKey, sm4Key, { mode: "ecb", padding: "none", output: "array" }));
  sm4Key.fill(0);
  const pair = { privateKeyHex: scalar.toString("hex"), publicKeyHex: parsed.publicKeyHex };
  scalar.fill(0);
  if (!pairMatches(pair)) throw new CaError("INVALID_INPUT", "the opened private key is not the enveloped public key's (the envelope was altered)");
  return pair;
}

/**
 * SM2 decryption (GM/T 0009 SM2Cipher). An empty answer from the library means the HASH (C3)
 * did not match: the envelope was made for another key (a mismatched envelope) or altered.
 */
export function decryptSm2Cipher(sm2Cipher: Uint8Array, privateKeyHex: string): Buffer {
  let out: Uint8Array;
  try {
    out = SM2.doDecrypt(Buffer.from(sm2Cipher).toString("hex"), privateKeyHex, C1C3C2, { asn1: true, output: "array" });
  } catch (e) {
    throw new CaError("INVALID_INPUT", "the envelope's SM2 cipher cannot be decrypted", { cause: e });
  }
  if (out.length === 0) throw new CaError("INVALID_INPUT", "a mismatched envelope: it was not made for this key, or it was altered (SM2 cipher hash check failed)");
  return Buffer.from(out);
}

/** True when the private scalar is in [1, n-1] and its public point is the given one. */
export function pairMatches(pair: Sm2KeyPairHex): boolean {
  try {
    if (!/^[0-9a-f]{64}$/.test(pair.privateKeyHex) || /^0+$/.test(pair.privateKeyHex)) return false;
    return SM2.comparePublicKeyHex(SM2.getPublicKeyFromPrivateKey(pair.privateKeyHex), pair.publicKeyHex);
  } catch {
    return false; // a scalar >= n or an off-curve point
  }
}

function assertPair(pair: Sm2KeyPairHex): void {
  if (!pairMatches(pair)) throw new CaError("INVALID_INPUT", "the encryption key pair does not match");
}

function assertPoint(pointHex: string, what: string): void {
  let ok = false;
  try {
    ok = /^04[0-9a-f]{128}$/.test(pointHex) && SM2.verifyPublicKey(pointHex);
  } catch {
    ok = false;
  }
  if (!ok) throw new CaError("INVALID_INPUT", `${what} is not an uncompressed SM2 point on the curve`);
}

// The library decrypts whatever point C1 it is given; a point off the curve (an invalid-curve
// probe of the signing key) is refused here before it is multiplied by the private key.
function checkSm2Cipher(der: Uint8Array, node: Node): void {
  const parts = children(der, node);
  if (parts.length !== 4) throw new CaError("INVALID_INPUT", "an SM2Cipher has four parts");
  const x = integerHex(der, parts[0]).padStart(64, "0");
  const y = integerHex(der, parts[1]).padStart(64, "0");
  if (x.length !== 64 || y.length !== 64) throw new CaError("INVALID_INPUT", "the SM2 cipher's point coordinates are too long");
  assertPoint(`04${x}${y}`, "the SM2 cipher's point C1");
  if (contentOf(der, expectTag(parts[2], 0x04, "HASH")).length !== 32) throw new CaError("INVALID_INPUT", "the SM2 cipher's HASH is not 32 bytes");
  if (contentOf(der, expectTag(parts[3], 0x04, "CipherText")).length === 0) throw new CaError("INVALID_INPUT", "the SM2 cipher's CipherText is empty");
}

function bitStringBytes(der: Uint8Array, node: Node | undefined, what: string): Buffer {
  const c = contentOf(der, expectTag(node, 0x03, what));
  if (c.length < 1 || c[0] !== 0) throw new CaError("INVALID_INPUT", `${what} must be a whole-byte BIT STRING`);
  return Buffer.from(c.subarray(1));
}
