// Key custody: the engine signs through this narrow interface and never sees where the private
// key lives (an encrypted file, a PKCS#11 token). Every signature is SHA-256 based:
// RSA PKCS#1 v1.5 or ECDSA P-256 (DER-encoded, as X.509 and CMS want it).
import { NULL, oid, seq } from "../asn1/der";
import { OID } from "../asn1/oids";

export type KeySpec = { type: "rsa"; bits: 2048 | 3072 | 4096 } | { type: "ec"; curve: "P-256" };
export type KeyType = KeySpec["type"];

export interface KeySigner {
  readonly label: string;
  readonly keyType: KeyType;
  /** DER SubjectPublicKeyInfo */
  readonly spki: Buffer;
  /** SHA-256 signature over the concatenation of the chunks. */
  sign(data: Uint8Array | readonly Uint8Array[]): Promise<Buffer>;
}

export interface KeyCustody {
  readonly kind: "file" | "pkcs11";
  generate(label: string, spec: KeySpec): Promise<KeySigner>;
  open(label: string): Promise<KeySigner>;
  has(label: string): Promise<boolean>;
}

/** AlgorithmIdentifier DER for the signatures a signer of this key type makes. */
export function signatureAlgorithmFor(keyType: KeyType): Buffer {
  return keyType === "rsa" ? seq(oid(OID.sha256WithRSA), NULL) : seq(oid(OID.ecdsaSha256));
}

const LABEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export function assertLabel(label: string): void {
  if (!LABEL.test(label)) throw new RangeError(`invalid key label ${JSON.stringify(label)}`);
}

export const chunksOf = (data: Uint8Array | readonly Uint8Array[]): readonly Uint8Array[] =>
  data instanceof Uint8Array ? [data] : data;
