// CMS SignedData (RFC 5652) with one signer, written in DER: used by the TSA for tokens and by
// signCms for detached/attached signatures. Signed attributes always include contentType,
// messageDigest and ESS signingCertificateV2 (RFC 5035), which `openssl ts -verify` requires.
import { createHash } from "node:crypto";
import { NULL, explicit, generalizedTime, integer, octetString, oid, seq, setOf, tlv, unsignedInteger, utcTime } from "../asn1/der";
import { OID } from "../asn1/oids";
import { parseCertificate } from "../asn1/certificate-parts";
import type { KeySigner } from "../keys/key-signer";

export const attribute = (type: string, ...values: Buffer[]) => seq(oid(type), setOf(...values));

export interface SignedDataInput {
  signer: KeySigner;
  certificate: Buffer;
  /** extra certificates to embed (the chain) */
  chain?: readonly Buffer[];
  eContentType: string;
  content: Buffer;
  detached: boolean;
  signingTime?: Date;
  /** called with the signature value; returns unsigned attributes (e.g. a timestamp token) */
  unsignedAttributes?: (signature: Buffer) => Promise<Buffer[]>;
}

const SHA256_ALG = seq(oid(OID.sha256), NULL);

export function signingCertificateV2(certificate: Buffer): Buffer {
  const parts = parseCertificate(certificate);
  const hash = createHash("sha256").update(certificate).digest();
  // ESSCertIDv2 with the default hash (SHA-256, so omitted) and the issuerSerial
  const issuerSerial = seq(seq(explicit(4, parts.issuerName)), unsignedInteger(Buffer.from(parts.serialHex, "hex")));
  return attribute(OID.signingCertificateV2, seq(seq(seq(octetString(hash), issuerSerial))));
}

export async function buildSignedData(i: SignedDataInput): Promise<Buffer> {
  const parts = parseCertificate(i.certificate);
  const digest = createHash("sha256").update(i.content).digest();
  const attrs = [attribute(OID.contentType, oid(i.eContentType)), attribute(OID.messageDigest, octetString(digest)), signingCertificateV2(i.certificate)];
  if (i.signingTime) attrs.push(attribute(OID.signingTime, i.signingTime.getUTCFullYear() < 2050 ? utcTime(i.signingTime) : generalizedTime(i.signingTime)));
  const signedAttrsSet = setOf(...attrs); // signed as an explicit SET OF (RFC 5652 5.4)
  const signature = await i.signer.sign(signedAttrsSet);
  const sigAlg = i.signer.keyType === "rsa" ? seq(oid(OID.sha256WithRSA), NULL) : seq(oid(OID.ecdsaSha256));
  const signerParts = [
    integer(1),
    seq(parts.issuerName, unsignedInteger(Buffer.from(parts.serialHex, "hex"))),
    SHA256_ALG,
    Buffer.concat([Buffer.from([0xa0]), signedAttrsSet.subarray(1)]), // [0] IMPLICIT
    sigAlg,
    octetString(signature),
  ];
  const unsigned = i.unsignedAttributes ? await i.unsignedAttributes(signature) : [];
  if (unsigned.length) signerParts.push(tlv(0xa1, ...unsigned));
  const encap = i.detached ? seq(oid(i.eContentType)) : seq(oid(i.eContentType), explicit(0, octetString(i.content)));
  const signedData = seq(
    integer(i.eContentType === OID.data ? 1 : 3),
    setOf(SHA256_ALG),
    encap,
    tlv(0xa0, i.certificate, ...(i.chain ?? [])),
    setOf(seq(...signerParts)),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
