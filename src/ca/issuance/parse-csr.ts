// PKCS#10 intake: parse, check proof of possession, describe the key. Only the public key is
// taken from a CSR; its subject and requested extensions are ignored on purpose (the subject
// comes from verified data).
// An SM2 request (issue 17) is signed SM3withSM2; Node cannot check that (it would use an empty
// user ID), so sm2Verify does, with the portal's user ID 1234567812345678 and no other: a request
// made with another ID is refused and the message names the one we expect.
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { children, contentOf, expectTag, raw, readOid, readRoot } from "../asn1/der";
import { INPUT_SIZE_LIMITS, STRUCTURE_LIMITS } from "../asn1/limits";
import { OID } from "../asn1/oids";
import { pemToDer } from "../asn1/certificate-parts";
import { CaError } from "../errors";
import { isSm2Spki, sm2PublicKeyHex, sm2Verify, SM2_USER_ID } from "../keys/sm2";

export interface PublicKeyDescription {
  spki: Buffer;
  keyType: "rsa" | "ec" | "sm2";
  /** RSA modulus bits */
  bits?: number;
  /** EC curve, node name (prime256v1; "SM2" for an SM2 key) */
  curve?: string;
  /** hex SHA-256 of the SPKI: the key's identity for duplicate checks */
  spkiSha256: string;
}

export interface ParsedCsr extends PublicKeyDescription {
  der: Buffer;
}

export const MAX_CSR_BYTES = INPUT_SIZE_LIMITS.csr;

const SIGNATURE_HASH: Record<string, string> = {
  [OID.sha256WithRSA]: "sha256",
  [OID.sha384WithRSA]: "sha384",
  [OID.sha512WithRSA]: "sha512",
  [OID.ecdsaSha256]: "sha256",
  [OID.ecdsaSha384]: "sha384",
  [OID.ecdsaSha512]: "sha512",
};

export function describePublicKey(spki: Buffer): PublicKeyDescription {
  if (isSm2Spki(spki)) {
    try {
      sm2PublicKeyHex(spki); // a point on the curve, or no key at all
    } catch {
      throw new CaError("KEY_ALGORITHM_NOT_ALLOWED", "the SM2 public key is not a point on the curve");
    }
    return { spki, keyType: "sm2", curve: "SM2", spkiSha256: createHash("sha256").update(spki).digest("hex") };
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: spki, format: "der", type: "spki" });
  } catch {
    throw new CaError("KEY_ALGORITHM_NOT_ALLOWED", "the public key cannot be read");
  }
  const d = key.asymmetricKeyDetails ?? {};
  const spkiSha256 = createHash("sha256").update(spki).digest("hex");
  if (key.asymmetricKeyType === "rsa") {
    if ((d.publicExponent ?? 0n) < 65537n) throw new CaError("KEY_TOO_WEAK", "RSA public exponent below 65537");
    return { spki, keyType: "rsa", bits: d.modulusLength, spkiSha256 };
  }
  if (key.asymmetricKeyType === "ec") return { spki, keyType: "ec", curve: d.namedCurve, spkiSha256 };
  throw new CaError("KEY_ALGORITHM_NOT_ALLOWED", `key type ${key.asymmetricKeyType ?? "unknown"} is not supported`);
}

export function parseCsr(input: string | Uint8Array): ParsedCsr {
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.length;
  if (size > MAX_CSR_BYTES) throw new CaError("INPUT_TOO_LARGE", `certificate request larger than ${MAX_CSR_BYTES} bytes`);
  let der: Buffer;
  let info: Buffer;
  let spki: Buffer;
  let sigAlg: string;
  let signature: Buffer;
  try {
    der = typeof input === "string" ? pemToDer(input) : pemToDer(input);
    const root = readRoot(der, STRUCTURE_LIMITS.csr);
    const [infoNode, algNode, sigNode] = children(der, expectTag(root, 0x30, "CertificationRequest"));
    const infoKids = children(der, expectTag(infoNode, 0x30, "CertificationRequestInfo"));
    expectTag(infoKids[0], 0x02, "version");
    expectTag(infoKids[1], 0x30, "subject");
    spki = raw(der, expectTag(infoKids[2], 0x30, "subjectPKInfo"));
    info = raw(der, infoNode!);
    sigAlg = readOid(der, children(der, expectTag(algNode, 0x30, "signatureAlgorithm"))[0]);
    const sigContent = contentOf(der, expectTag(sigNode, 0x03, "signature"));
    signature = Buffer.from(sigContent.subarray(1));
  } catch (e) {
    throw new CaError("CSR_MALFORMED", e instanceof CaError ? `certificate request: ${e.message}` : undefined);
  }
  if (sigAlg === OID.sm2WithSm3) return { ...checkSm2Csr(spki, info, signature), der };
  const hash = SIGNATURE_HASH[sigAlg];
  if (!hash) throw new CaError("CSR_SIGNATURE_ALGORITHM_UNSUPPORTED", `signature algorithm ${sigAlg} is not accepted`);
  const key = describePublicKey(spki);
  let ok = false;
  try {
    const expected = sigAlg.startsWith("1.2.840.10045") ? "ec" : "rsa";
    ok = expected === key.keyType && verify(hash, info, { key: spki, format: "der", type: "spki" }, signature);
  } catch {
    ok = false;
  }
  if (!ok) throw new CaError("CSR_SIGNATURE_INVALID");
  return { ...key, der };
}

function checkSm2Csr(spki: Buffer, info: Buffer, signature: Buffer): PublicKeyDescription {
  const key = describePublicKey(spki);
  if (key.keyType !== "sm2") throw new CaError("CSR_SIGNATURE_INVALID", "the request is signed SM3withSM2 but its key is not an SM2 key");
  if (!sm2Verify(spki, info, signature)) {
    // Its own code, so the portal can tell the applicant what to change (the usual cause is a tool's other default ID).
    throw new CaError(
      "CSR_SM2_USER_ID_MISMATCH",
      `the SM2 signature does not verify with the user ID ${SM2_USER_ID} (with OpenSSL 3.0: openssl req -new -sm3 -sigopt distid:${SM2_USER_ID})`,
    );
  }
  return key;
}
