// SM2 (GB/T 32918, GM/T 0003) and SM3 (GB/T 32905) for the engine. Node's own crypto holds SM2
// keys (OpenSSL generates, encrypts and exports them) but cannot sign or verify with them: it
// signs with an empty user ID, which OpenSSL's verifier and every GM/T tool then reject, and
// X509Certificate.verify answers false on a valid SM2 certificate (nodejs/node#37066). So the
// arithmetic is done by sm-crypto-v2 (pure JS on @noble/curves), checked against the GB/T 32918
// examples and against OpenSSL in the tests, and everything else stays in our DER code.
//
// Every SM2 signature the portal makes or checks uses the user ID 1234567812345678 (GM/T 0009's
// default, named on the repository page): OpenSSL 3.0 needs `-sigopt/-vfyopt distid:1234567812345678`.
import type { KeyObject } from "node:crypto";
import { sm2 as SM2, sm3 as SM3 } from "sm-crypto-v2";
import { bitString, children, contentOf, expectTag, oid, readOid, readRoot, seq } from "../asn1/der";
import { OID } from "../asn1/oids";
import { CaError } from "../errors";

export const SM2_USER_ID = "1234567812345678";
const SIGN_OPTIONS = { der: true, hash: true, userId: SM2_USER_ID } as const;

const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");
const concat = (data: Uint8Array | readonly Uint8Array[]) => (data instanceof Uint8Array ? data : Buffer.concat(data as Uint8Array[]));

/** AlgorithmIdentifier of an SM2 public key: id-ecPublicKey with the SM2 curve (GM/T 0015, RFC 5480 form). */
export const SM2_KEY_ALGORITHM = seq(oid(OID.ecPublicKey), oid(OID.sm2));

/** True when the DER SubjectPublicKeyInfo holds an SM2 key (id-ecPublicKey on the SM2 curve, or the bare SM2 OID some tools write). */
export function isSm2Spki(spki: Uint8Array): boolean {
  try {
    const root = readRoot(spki);
    const alg = children(spki, expectTag(children(spki, root)[0], 0x30, "algorithm"));
    const algorithm = readOid(spki, alg[0]);
    return algorithm === OID.sm2 || (algorithm === OID.ecPublicKey && alg[1]?.tag === 0x06 && readOid(spki, alg[1]) === OID.sm2);
  } catch {
    return false;
  }
}

/** The uncompressed point 04||x||y of an SM2 SubjectPublicKeyInfo, in hex; INVALID_INPUT when it is not one. */
export function sm2PublicKeyHex(spki: Uint8Array): string {
  if (!isSm2Spki(spki)) throw new CaError("INVALID_INPUT", "not an SM2 public key");
  const root = readRoot(spki);
  const bits = contentOf(spki, expectTag(children(spki, root)[1], 0x03, "subjectPublicKey"));
  const point = hex(bits.subarray(1));
  if (bits[0] !== 0 || point.length !== 130 || !point.startsWith("04") || !onCurve(point)) {
    throw new CaError("INVALID_INPUT", "the SM2 public key is not a point on the curve");
  }
  return point;
}

function onCurve(point: string): boolean {
  try {
    return SM2.verifyPublicKey(point);
  } catch {
    return false; // the library throws for a point off the curve
  }
}

/** DER SubjectPublicKeyInfo for an uncompressed SM2 point in hex. */
export function sm2Spki(publicKeyHex: string): Buffer {
  return seq(SM2_KEY_ALGORITHM, bitString(Buffer.from(publicKeyHex, "hex")));
}

/** SM3 digest (32 bytes). */
export function sm3(data: Uint8Array | readonly Uint8Array[]): Buffer {
  return Buffer.from(SM3(concat(data)), "hex");
}

/** SM2 signature with SM3 and the portal's user ID over the data: DER SEQUENCE { r, s }, as X.509 and CMS carry it. */
export function sm2Sign(privateKeyHex: string, publicKeyHex: string, data: Uint8Array | readonly Uint8Array[]): Buffer {
  return Buffer.from(SM2.doSignature(concat(data), privateKeyHex, { ...SIGN_OPTIONS, publicKey: publicKeyHex }), "hex");
}

/** Checks an SM2-with-SM3 DER signature by the key in the SubjectPublicKeyInfo; false for any malformed input. */
export function sm2Verify(spki: Uint8Array, data: Uint8Array | readonly Uint8Array[], signature: Uint8Array): boolean {
  try {
    return SM2.doVerifySignature(concat(data), hex(signature), sm2PublicKeyHex(spki), SIGN_OPTIONS);
  } catch {
    return false;
  }
}

/** The private scalar of an SM2 key Node holds (from its PKCS#8 ECPrivateKey), in hex; INVALID_INPUT for another key. */
export function sm2PrivateKeyHex(key: KeyObject): string {
  const der = key.export({ type: "pkcs8", format: "der" });
  try {
    const top = children(der, readRoot(der));
    const alg = children(der, expectTag(top[1], 0x30, "privateKeyAlgorithm"));
    if (readOid(der, alg[0]) !== OID.ecPublicKey || alg[1]?.tag !== 0x06 || readOid(der, alg[1]) !== OID.sm2) throw new Error("curve");
    const ecKey = contentOf(der, expectTag(top[2], 0x04, "privateKey"));
    const d = contentOf(ecKey, expectTag(children(ecKey, readRoot(ecKey))[1], 0x04, "d"));
    return hex(d).padStart(64, "0");
  } catch {
    throw new CaError("INVALID_INPUT", "not an SM2 private key");
  }
}
