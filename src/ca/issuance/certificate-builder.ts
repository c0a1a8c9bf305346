// Assembles TBSCertificate and Certificate DER (RFC 5280 4.1) from prepared parts.
import { randomBytes } from "node:crypto";
import { bitString, explicit, integer, seq, time, unsignedInteger } from "../asn1/der";
import { signatureAlgorithmFor, type KeySigner } from "../keys/key-signer";

export interface CertificateTemplate {
  /** positive serial, unsigned big-endian bytes */
  serial: Buffer;
  issuerName: Buffer;
  subjectName: Buffer;
  notBefore: Date;
  notAfter: Date;
  spki: Buffer;
  extensions: Buffer[];
}

/** 16 random bytes, top bit cleared (positive) and next bit set (fixed length): 126 random bits. */
export function randomSerial(): Buffer {
  const b = randomBytes(16);
  b[0] = (b[0]! & 0x7f) | 0x40;
  return b;
}

export function encodeTbsCertificate(t: CertificateTemplate, signatureAlgorithm: Buffer): Buffer {
  return seq(
    explicit(0, integer(2)),
    unsignedInteger(t.serial),
    signatureAlgorithm,
    t.issuerName,
    seq(time(t.notBefore), time(t.notAfter)),
    t.subjectName,
    t.spki,
    explicit(3, seq(...t.extensions)),
  );
}

/** Signs exactly once and returns the Certificate DER. */
export async function signCertificate(t: CertificateTemplate, signer: KeySigner): Promise<Buffer> {
  const alg = signatureAlgorithmFor(signer.keyType);
  const tbs = encodeTbsCertificate(t, alg);
  const signature = await signer.sign(tbs);
  return seq(tbs, alg, bitString(signature));
}
