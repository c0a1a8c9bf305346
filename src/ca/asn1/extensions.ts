// X.509 extensions as DER, one small function each (RFC 5280 section 4.2).
import { createHash } from "node:crypto";
import { bitString, bool, children, contentOf, explicit, ia5, implicitPrimitive, integer, octetString, oid, readRoot, seq, tlv, utf8 } from "./der";
import { OID } from "./oids";

export function extension(extnId: string, critical: boolean, value: Uint8Array): Buffer {
  return critical ? seq(oid(extnId), bool(true), octetString(value)) : seq(oid(extnId), octetString(value));
}

export function basicConstraints(ca: boolean, pathLen?: number): Buffer {
  const body = ca ? (pathLen === undefined ? seq(bool(true)) : seq(bool(true), integer(pathLen))) : seq();
  return extension(OID.basicConstraints, true, body);
}

export const KEY_USAGE_BITS = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;
export type KeyUsage = keyof typeof KEY_USAGE_BITS;

export function keyUsage(usages: readonly KeyUsage[]): Buffer {
  const bits = usages.map((u) => KEY_USAGE_BITS[u]);
  const highest = bits.reduce<number>((a, b) => Math.max(a, b), 0);
  const bytes = Buffer.alloc(Math.floor(highest / 8) + 1);
  for (const b of bits) bytes[b >> 3]! |= 0x80 >> (b & 7);
  // DER: the named bit list drops trailing zero bits.
  const unused = 7 - (highest % 8);
  return extension(OID.keyUsage, true, bitString(bytes, unused));
}

export function extKeyUsage(oids: readonly string[], critical: boolean): Buffer {
  return extension(OID.extKeyUsage, critical, seq(...oids.map((o) => oid(o))));
}

/** RFC 5280 method 1: SHA-1 of the subjectPublicKey BIT STRING value. */
export function keyIdentifier(spki: Uint8Array): Buffer {
  const root = readRoot(spki);
  const [, bits] = children(spki, root);
  const content = contentOf(spki, bits!);
  return createHash("sha1").update(content.subarray(1)).digest();
}

export const subjectKeyIdentifier = (keyId: Uint8Array) => extension(OID.subjectKeyIdentifier, false, octetString(keyId));
export const authorityKeyIdentifier = (keyId: Uint8Array) => extension(OID.authorityKeyIdentifier, false, seq(implicitPrimitive(0, keyId)));

/** GeneralName uniformResourceIdentifier [6] */
const uri = (u: string) => implicitPrimitive(6, Buffer.from(u, "latin1"));

/** DistributionPointName fullName, shared by CDP and IDP. */
const fullNameUri = (url: string) => explicit(0, tlv(0xa0, uri(url)));

export const crlDistributionPoints = (url: string) => extension(OID.crlDistributionPoints, false, seq(seq(fullNameUri(url))));

export function authorityInfoAccess(ocspUrl: string | undefined, caIssuersUrl: string | undefined): Buffer {
  const parts: Buffer[] = [];
  if (ocspUrl) parts.push(seq(oid(OID.ocsp), uri(ocspUrl)));
  if (caIssuersUrl) parts.push(seq(oid(OID.caIssuers), uri(caIssuersUrl)));
  return extension(OID.authorityInfoAccess, false, seq(...parts));
}

/** One policy with a CPS URI and optionally a user notice text (used for the usage scope). */
export function certificatePolicies(policyOid: string, cpsUri: string, noticeText?: string): Buffer {
  const qualifiers = [seq(oid(OID.cpsQualifier), ia5(cpsUri))];
  if (noticeText) qualifiers.push(seq(oid(OID.userNoticeQualifier), seq(utf8(noticeText))));
  return extension(OID.certificatePolicies, false, seq(seq(oid(policyOid), seq(...qualifiers))));
}

export const subjectAltNameEmails = (emails: readonly string[]) =>
  extension(OID.subjectAltName, false, seq(...emails.map((e) => implicitPrimitive(1, Buffer.from(e, "latin1")))));

export const ocspNoCheck = () => extension(OID.ocspNoCheck, false, Buffer.from([0x05, 0x00]));

// CRL extensions
export const crlNumber = (n: bigint | number) => extension(OID.crlNumber, false, integer(n));
export const issuingDistributionPoint = (url: string) => extension(OID.issuingDistributionPoint, true, seq(fullNameUri(url)));
