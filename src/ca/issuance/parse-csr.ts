// PKCS#10 intake: parse, check proof of possession, describe the key. Only the public key is
// taken from a CSR; its subject and requested extensions are ignored on purpose (the subject
// comes from verified data).
import { createHash, createPublicKey, verify, type KeyObject } from "node:crypto";
import { children, contentOf, expectTag, raw, readOid, readRoot } from "../asn1/der";
import { INPUT_SIZE_LIMITS, STRUCTURE_LIMITS } from "../asn1/limits";
import { OID } from "../asn1/oids";
import { pemToDer } from "../asn1/certificate-parts";
import { CaError } from "../errors";

export interface PublicKeyDescription {
  spki: Buffer;
  keyType: "rsa" | "ec";
  /** RSA modulus bits */
  bits?: number;
  /** EC curve, node name (prime256v1) */
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
