// CMS SignedData (RFC 5652) with one signer, written in DER: used by the TSA for tokens and by
// signCms for detached/attached signatures. Signed attributes always include contentType,
// messageDigest and ESS signingCertificateV2 (RFC 5035), which `openssl ts -verify` requires.
//
// The digest follows the signer's key (digestAlgorithmFor): SHA-256 for RSA and P-256, SM3 for
// SM2, so an SM2 signature never mixes algorithm families (GM/T 0010 signs with SM3 only). An SM2
// SignerInfo names SM3withSM2 (1.2.156.10197.1.501) as its signatureAlgorithm, as our X.509 and
// CRL signatures do: it is what OpenSSL 3.0 `cms -verify` maps to SM3 + SM2, while GM/T 0010's
// sm2-1 (1.2.156.10197.1.301.1) is an OID OpenSSL 3.0 does not know (tests/ca/sm2-cms.test.ts).
import { explicit, generalizedTime, integer, octetString, oid, seq, setOf, tlv, unsignedInteger, utcTime } from "../asn1/der";
import { OID } from "../asn1/oids";
import { parseCertificate } from "../asn1/certificate-parts";
import { digestAlgorithmFor, signatureAlgorithmFor, type KeySigner } from "../keys/key-signer";
import { digestOf, digestAlgorithmId, type CmsDigest } from "./cms-digest";

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

/**
 * ESS signingCertificateV2 (RFC 5035): the hash of the signer's certificate and its issuerSerial.
 * With SHA-256, the DEFAULT, hashAlgorithm is left out (DER); with SM3 it is written, so a
 * verifier knows to hash the certificate with SM3.
 */
export function signingCertificateV2(certificate: Buffer, hash: CmsDigest = "sha256"): Buffer {
  const parts = parseCertificate(certificate);
  const issuerSerial = seq(seq(explicit(4, parts.issuerName)), unsignedInteger(Buffer.from(parts.serialHex, "hex")));
  const certHash = octetString(digestOf(hash, certificate));
  const essCertId = hash === "sha256" ? seq(certHash, issuerSerial) : seq(digestAlgorithmId(hash), certHash, issuerSerial);
  return attribute(OID.signingCertificateV2, seq(seq(essCertId)));
}

export async function buildSignedData(i: SignedDataInput): Promise<Buffer> {
  const parts = parseCertificate(i.certificate);
  const hash = digestAlgorithmFor(i.signer.keyType);
  const digestAlg = digestAlgorithmId(hash);
  const digest = digestOf(hash, i.content);
  const attrs = [attribute(OID.contentType, oid(i.eContentType)), attribute(OID.messageDigest, octetString(digest)), signingCertificateV2(i.certificate, hash)];
  if (i.signingTime) attrs.push(attribute(OID.signingTime, i.signingTime.getUTCFullYear() < 2050 ? utcTime(i.signingTime) : generalizedTime(i.signingTime)));
  const signedAttrsSet = setOf(...attrs); // signed as an explicit SET OF (RFC 5652 5.4)
  const signature = await i.signer.sign(signedAttrsSet);
  const signerParts = [
    integer(1),
    seq(parts.issuerName, unsignedInteger(Buffer.from(parts.serialHex, "hex"))),
    digestAlg,
    Buffer.concat([Buffer.from([0xa0]), signedAttrsSet.subarray(1)]), // [0] IMPLICIT
    signatureAlgorithmFor(i.signer.keyType), // sha256WithRSA, ecdsa-with-SHA256 (RFC 5754) or SM3withSM2
    octetString(signature),
  ];
  const unsigned = i.unsignedAttributes ? await i.unsignedAttributes(signature) : [];
  if (unsigned.length) signerParts.push(tlv(0xa1, ...unsigned));
  const encap = i.detached ? seq(oid(i.eContentType)) : seq(oid(i.eContentType), explicit(0, octetString(i.content)));
  const signedData = seq(
    integer(i.eContentType === OID.data ? 1 : 3),
    setOf(digestAlg),
    encap,
    tlv(0xa0, i.certificate, ...(i.chain ?? [])),
    setOf(seq(...signerParts)),
  );
  return seq(oid(OID.signedData), explicit(0, signedData));
}
