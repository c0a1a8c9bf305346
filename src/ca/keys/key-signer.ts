// Key custody: the engine signs through this narrow interface and never sees where the private
// key lives (an encrypted file, a PKCS#11 token). A signer of an RSA or P-256 key signs with
// SHA-256 (RSA PKCS#1 v1.5, or ECDSA DER-encoded as X.509 and CMS want it); a signer of an SM2 key
// signs SM2 with SM3 and the user ID 1234567812345678 (GM/T 0009, see sm2.ts), also DER.
import { NULL, oid, seq } from "../asn1/der";
import { OID } from "../asn1/oids";

export type KeySpec = { type: "rsa"; bits: 2048 | 3072 | 4096 } | { type: "ec"; curve: "P-256" } | { type: "sm2" };
export type KeyType = KeySpec["type"];

export interface KeySigner {
  readonly label: string;
  readonly keyType: KeyType;
  /** DER SubjectPublicKeyInfo */
  readonly spki: Buffer;
  /** Signature over the concatenation of the chunks: SHA-256 based, or SM3withSM2 for an SM2 key. */
  sign(data: Uint8Array | readonly Uint8Array[]): Promise<Buffer>;
}

export interface KeyCustody {
  readonly kind: "file" | "pkcs11";
  generate(label: string, spec: KeySpec): Promise<KeySigner>;
  open(label: string): Promise<KeySigner>;
  has(label: string): Promise<boolean>;
}

/** AlgorithmIdentifier DER for the signatures a signer of this key type makes (SM3withSM2 has no parameters, GM/T 0015). */
export function signatureAlgorithmFor(keyType: KeyType): Buffer {
  if (keyType === "sm2") return seq(oid(OID.sm2WithSm3));
  return keyType === "rsa" ? seq(oid(OID.sha256WithRSA), NULL) : seq(oid(OID.ecdsaSha256));
}

/** The digest algorithm that goes with a signer of this key type (CMS digestAlgorithm, TSA imprints): SM3 for SM2. */
export function digestAlgorithmFor(keyType: KeyType): "sha256" | "sm3" {
  return keyType === "sm2" ? "sm3" : "sha256";
}

const LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export function assertLabel(label: string): void {
  if (!LABEL.test(label)) throw new RangeError(`invalid key label ${JSON.stringify(label)}`);
}

export const chunksOf = (data: Uint8Array | readonly Uint8Array[]): readonly Uint8Array[] =>
  data instanceof Uint8Array ? [data] : data;
