// SM2 CMS test input written by hand (GM/T 0010 shape), because OpenSSL 3.0 cannot make it:
// `openssl cms -sign -md sm3` with an SM2 key fails with "illegal zero content" (it leaves the
// SignerInfo's signatureAlgorithm empty), and `openssl smime`/PKCS#7 says "signing not supported for
// this key type". Every algorithm choice is a parameter, so the tests can write the wrong ones too.
import { createHash } from "node:crypto";
import { explicit, generalizedTime, integer, NULL, octetString, oid, seq, setOf, tlv, unsignedInteger } from "@/ca/asn1/der";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { OID } from "@/ca/asn1/oids";
import { sm3 } from "@/ca/keys/sm2";

const attribute = (type: string, ...values: Buffer[]) => seq(oid(type), setOf(...values));

export interface Sm2SignedDataInput {
  certificate: Buffer;
  chain?: Buffer[];
  content: Buffer;
  eContentType?: string;
  detached?: boolean;
  /** signs the DER SET of signed attributes (or the content when signedAttributes is false) */
  sign: (data: Buffer) => Buffer;
  digestOid?: string;
  signatureOid?: string;
  /** the ESS certificate hash algorithm; undefined writes the default (SHA-256, omitted) */
  essHashOid?: string;
  signedAttributes?: boolean;
  /** unsigned attribute values for id-aa-timeStampToken (a token over the signature value) */
  unsigned?: (signature: Buffer) => Buffer[];
}

function digest(oidStr: string, data: Buffer): Buffer {
  if (oidStr === OID.sm3) return sm3(data);
  return createHash(oidStr === OID.sha256 ? "sha256" : "sha512").update(data).digest();
}

export function sm2SignedData(i: Sm2SignedDataInput): Buffer {
  const digestOid = i.digestOid ?? OID.sm3;
  const eContentType = i.eContentType ?? OID.data;
  const cert = parseCertificate(i.certificate);
  const issuerSerial = seq(cert.issuerName, unsignedInteger(Buffer.from(cert.serialHex, "hex")));
  const essHash = i.essHashOid ?? OID.sha256;
  const essCertId = seq(
    ...(i.essHashOid ? [seq(oid(i.essHashOid))] : []),
    octetString(digest(essHash, i.certificate)),
    seq(seq(explicit(4, cert.issuerName)), unsignedInteger(Buffer.from(cert.serialHex, "hex"))),
  );
  const attrs = setOf(
    attribute(OID.contentType, oid(eContentType)),
    attribute(OID.messageDigest, octetString(digest(digestOid, i.content))),
    attribute(OID.signingCertificateV2, seq(seq(essCertId))),
  );
  const withAttrs = i.signedAttributes !== false;
  const signature = i.sign(withAttrs ? attrs : i.content);
  const digestAlg = seq(oid(digestOid));
  const signerInfo = seq(
    integer(1),
    issuerSerial,
    digestAlg,
    ...(withAttrs ? [Buffer.concat([Buffer.from([0xa0]), attrs.subarray(1)])] : []),
    seq(oid(i.signatureOid ?? OID.sm2WithSm3)),
    octetString(signature),
    ...(i.unsigned ? [tlv(0xa1, attribute(OID.timeStampToken, ...i.unsigned(signature)))] : []),
  );
  const encap = i.detached ? seq(oid(eContentType)) : seq(oid(eContentType), explicit(0, octetString(i.content)));
  const signedData = seq(integer(eContentType === OID.data ? 1 : 3), setOf(digestAlg), encap, tlv(0xa0, i.certificate, ...(i.chain ?? [])), setOf(signerInfo));
  return seq(oid(OID.signedData), explicit(0, signedData));
}

/** A TSTInfo (RFC 3161) over the given imprint. */
export function tstInfo(imprintOid: string, imprint: Buffer, genTime: Date, policy = "1.2.3.4.1"): Buffer {
  return seq(integer(1), oid(policy), seq(seq(oid(imprintOid), ...(imprintOid === OID.sm3 ? [] : [NULL])), octetString(imprint)), integer(0x5151), generalizedTime(genTime));
}
