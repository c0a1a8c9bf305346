// Verifies one SignerInfo: finds the signer certificate, checks the message digest and the
// signature value with node:crypto.
import { createHash, verify, X509Certificate } from "node:crypto";
import { contentOf, expectTag, oid, readRoot } from "../asn1/der";
import { OID } from "../asn1/oids";
import { parseCertificate, type CertificateParts } from "../asn1/certificate-parts";
import { keyIdentifier } from "../asn1/extensions";
import type { ParsedSignedData, ParsedSignerInfo } from "./parse-signed-data";
import { check, type Check } from "./verdict";

export const HASH_NAMES: Record<string, string> = { [OID.sha256]: "sha256", [OID.sha384]: "sha384", [OID.sha512]: "sha512" };

/** An embedded certificate that cannot be read (or whose key cannot be) is skipped, never thrown. */
export function findSignerCertificate(sd: ParsedSignedData, si: ParsedSignerInfo, extra: readonly Buffer[] = []): CertificateParts | undefined {
  for (const der of [...sd.certificates, ...extra]) {
    try {
      const c = parseCertificate(der);
      if (si.sidIssuer && si.sidIssuer.equals(c.issuerName) && si.sidSerialHex === c.serialHex) return c;
      if (si.sidKeyId && si.sidKeyId.equals(keyIdentifier(c.spki))) return c;
    } catch {
      continue;
    }
  }
  return undefined;
}

export function verifySignerInfo(si: ParsedSignerInfo, signerCert: CertificateParts, content: Buffer, eContentType: string): Check {
  const hash = HASH_NAMES[si.digestOid];
  if (!hash) return check("signature", "fail", "unsupported_algorithm", si.digestOid);
  let signedBytes = content;
  if (si.signedAttrsDer) {
    const md = si.signedAttrs.get(OID.messageDigest)?.[0];
    let digest: Buffer | undefined;
    try {
      digest = md ? contentOf(md, readRoot(md)) : undefined;
    } catch (e) {
      return check("signature", "fail", "malformed", `messageDigest attribute: ${e instanceof Error ? e.message : "unreadable"}`);
    }
    if (!digest || !digest.equals(createHash(hash).update(content).digest())) return check("signature", "fail", "digest_mismatch");
    const ct = si.signedAttrs.get(OID.contentType)?.[0];
    if (!ct || !ct.equals(oid(eContentType))) return check("signature", "fail", "digest_mismatch", "content type attribute");
    signedBytes = si.signedAttrsDer;
  }
  try {
    const key = new X509Certificate(signerCert.der).publicKey;
    const ok = verify(hash, signedBytes, key, si.signature);
    return ok ? check("signature", "pass", "ok") : check("signature", "fail", "bad_signature");
  } catch {
    return check("signature", "fail", "unsupported_algorithm", si.signatureOid);
  }
}


/** KeyUsage, when present, must allow digitalSignature or nonRepudiation. */
export function signingKeyUsageCheck(cert: CertificateParts): Check {
  const ku = cert.extensions.get(OID.keyUsage);
  if (!ku) return check("key_usage", "pass", "ok");
  let bits: Buffer;
  try {
    bits = contentOf(ku.value, expectTag(readRoot(ku.value), 0x03, "KeyUsage BIT STRING"));
  } catch (e) {
    return check("key_usage", "fail", "malformed", `keyUsage: ${e instanceof Error ? e.message : "unreadable"}`);
  }
  const first = bits[1] ?? 0;
  return first & 0xc0 ? check("key_usage", "pass", "ok") : check("key_usage", "fail", "key_usage_forbids");
}
