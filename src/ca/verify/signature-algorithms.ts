// Which signature algorithm goes with which key, the digests the verifier computes, and the names
// people read. Node's crypto checks RSA and ECDSA but not SM2: it answers false on every valid
// SM3withSM2 signature (nodejs/node#37066), so an SM2 key is checked with sm2Verify (user ID
// 1234567812345678) and never handed to Node. A signature algorithm that names another family
// than the key's is refused before any arithmetic, with its own reason: "does not verify" would
// send a relying party looking for a tampered file when the signer's tool wrote the wrong OID.
import { createHash, createPublicKey } from "node:crypto";
import { OID } from "../asn1/oids";
import { isSm2Spki, sm2PublicKeyHex, sm2Verify, sm3 } from "../keys/sm2";

/** GM/T 0006 sm2-1 (SM2 signature): GM/T 0010 CMS writes it as the SignerInfo's signatureAlgorithm. */
export const SM2_SIGN_OID = "1.2.156.10197.1.301.1";

/** Signature algorithms that mean SM2 with SM3 in a certificate or CRL (GM/T 0015) and in CMS (GM/T 0010 also allows sm2-1). */
export const SM2_CERTIFICATE_SIGNATURE_OIDS: readonly string[] = [OID.sm2WithSm3];
export const SM2_CMS_SIGNATURE_OIDS: readonly string[] = [OID.sm2WithSm3, SM2_SIGN_OID];

export type KeyFamily = "rsa" | "ec" | "sm2" | "other";

const DIGESTS: Record<string, { node: string; name: string }> = {
  [OID.sha256]: { node: "sha256", name: "SHA-256" },
  [OID.sha384]: { node: "sha384", name: "SHA-384" },
  [OID.sha512]: { node: "sha512", name: "SHA-512" },
  [OID.sm3]: { node: "sm3", name: "SM3" },
};

/** The digest of the data under the algorithm the input names; undefined for one the verifier does not take. */
export function digestOf(digestOid: string, data: Uint8Array): Buffer | undefined {
  if (digestOid === OID.sm3) return sm3(data); // the same code that signs, not whichever SM3 the OpenSSL build has
  const d = DIGESTS[digestOid];
  return d ? createHash(d.node).update(data).digest() : undefined;
}

/** Node's name for a digest OID (for node:crypto verify), undefined when unsupported. */
export const nodeDigestName = (digestOid: string): string | undefined => DIGESTS[digestOid]?.node;

const SIGNATURES: Record<string, { family: KeyFamily; name: string }> = {
  [OID.sha256WithRSA]: { family: "rsa", name: "SHA256withRSA" },
  [OID.sha384WithRSA]: { family: "rsa", name: "SHA384withRSA" },
  [OID.sha512WithRSA]: { family: "rsa", name: "SHA512withRSA" },
  [OID.sha1WithRSA]: { family: "rsa", name: "SHA1withRSA" },
  [OID.rsaEncryption]: { family: "rsa", name: "RSA" }, // what OpenSSL writes in an RSA SignerInfo
  [OID.ecdsaSha256]: { family: "ec", name: "SHA256withECDSA" },
  [OID.ecdsaSha384]: { family: "ec", name: "SHA384withECDSA" },
  [OID.ecdsaSha512]: { family: "ec", name: "SHA512withECDSA" },
  [OID.sm2WithSm3]: { family: "sm2", name: "SM3withSM2" },
  [SM2_SIGN_OID]: { family: "sm2", name: "SM3withSM2" },
};

/** The name shown to people for a signature algorithm OID ("SM3withSM2"); the OID itself when unknown. */
export const signatureAlgorithmName = (signatureOid: string): string => SIGNATURES[signatureOid]?.name ?? signatureOid;

/** The key's family from its SubjectPublicKeyInfo: SM2 is told by its curve, since Node leaves its type undefined. */
export function keyFamilyOf(spki: Uint8Array): KeyFamily {
  if (isSm2Spki(spki)) return "sm2";
  try {
    const type = createPublicKey({ key: Buffer.from(spki), format: "der", type: "spki" }).asymmetricKeyType;
    return type === "rsa" || type === "rsa-pss" ? "rsa" : type === "ec" ? "ec" : "other";
  } catch {
    return "other";
  }
}

const FAMILY_NAMES: Record<KeyFamily, string> = { rsa: "RSA", ec: "ECDSA", sm2: "SM2", other: "unknown" };
/** The name shown to people for the key's algorithm ("SM2", "RSA", "ECDSA"). */
export const keyAlgorithmName = (spki: Uint8Array): string => FAMILY_NAMES[keyFamilyOf(spki)];

export type SignatureFailure = { ok: false; reason: "algorithm_mismatch" | "bad_public_key" | "bad_signature"; detail: string };
export type SignatureOutcome = { ok: true } | SignatureFailure;

/** Whether an SM2 public key is a point on the curve; a key that is not is reported, never thrown. */
export function sm2KeyProblem(spki: Uint8Array): SignatureFailure | undefined {
  try {
    sm2PublicKeyHex(spki);
    return undefined;
  } catch (e) {
    return { ok: false, reason: "bad_public_key", detail: e instanceof Error ? e.message : "SM2 public key unreadable" };
  }
}

/**
 * Decides the SM2 side of a signature check: for an SM2 key or an SM2 signature algorithm it gives
 * the answer (a mismatch, a bad key, or sm2Verify's verdict); for RSA/ECDSA it refuses an OID of the
 * other family and otherwise answers undefined, leaving the check to node:crypto as before.
 */
export function sm2AwareSignatureCheck(args: {
  spki: Uint8Array;
  signatureOid: string;
  sm2Oids: readonly string[];
  data: Uint8Array;
  signature: Uint8Array;
}): SignatureOutcome | undefined {
  const family = keyFamilyOf(args.spki);
  const named = SIGNATURES[args.signatureOid]?.family;
  const sm2Signature = args.sm2Oids.includes(args.signatureOid);
  if (family === "sm2") {
    if (!sm2Signature) {
      const detail = named === "sm2" ? `${args.signatureOid} is not an SM2 signature algorithm here` : `${signatureAlgorithmName(args.signatureOid)} with an SM2 key`;
      return { ok: false, reason: "algorithm_mismatch", detail };
    }
    const problem = sm2KeyProblem(args.spki);
    if (problem) return problem;
    return sm2Verify(args.spki, args.data, args.signature) ? { ok: true } : { ok: false, reason: "bad_signature", detail: "SM3withSM2" };
  }
  if (sm2Signature || named === "sm2") return { ok: false, reason: "algorithm_mismatch", detail: `${signatureAlgorithmName(args.signatureOid)} with an ${FAMILY_NAMES[family]} key` };
  if (named && family !== "other" && named !== family) {
    return { ok: false, reason: "algorithm_mismatch", detail: `${signatureAlgorithmName(args.signatureOid)} with an ${FAMILY_NAMES[family]} key` };
  }
  return undefined;
}
