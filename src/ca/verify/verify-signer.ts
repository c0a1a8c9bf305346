// Verifies one SignerInfo: finds the signer certificate, checks the message digest and the
// signature value: SM2 (GM/T 0010: digest SM3, signature SM3withSM2 or sm2-1, over the DER SET of
// signed attributes with the user ID 1234567812345678) with sm2Verify, RSA and ECDSA with node:crypto.
import { verify, X509Certificate } from "node:crypto";
import { contentOf, expectTag, oid, readRoot } from "../asn1/der";
import { OID } from "../asn1/oids";
import { parseCertificate, type CertificateParts } from "../asn1/certificate-parts";
import { keyIdentifier } from "../asn1/extensions";
import type { ParsedSignedData, ParsedSignerInfo } from "./parse-signed-data";
import { digestOf, keyAlgorithmName, keyFamilyOf, nodeDigestName, signatureAlgorithmName, sm2AwareSignatureCheck, SM2_CMS_SIGNATURE_OIDS } from "./signature-algorithms";
import { check, type Check } from "./verdict";

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
  if (!nodeDigestName(si.digestOid)) return check("signature", "fail", "unsupported_algorithm", si.digestOid);
  // An SM2 signature hashes with SM3 (and Z) whatever the SignerInfo says (GM/T 0010): a SHA digest beside an SM2 key is a mix.
  if (keyFamilyOf(signerCert.spki) === "sm2" && si.digestOid !== OID.sm3) {
    return check("signature", "fail", "algorithm_mismatch", `digest ${si.digestOid} with an SM2 key`);
  }
  let signedBytes = content;
  if (si.signedAttrsDer) {
    const md = si.signedAttrs.get(OID.messageDigest)?.[0];
    let digest: Buffer | undefined;
    try {
      digest = md ? contentOf(md, readRoot(md)) : undefined;
    } catch (e) {
      return check("signature", "fail", "malformed", `messageDigest attribute: ${e instanceof Error ? e.message : "unreadable"}`);
    }
    if (!digest || !digest.equals(digestOf(si.digestOid, content)!)) return check("signature", "fail", "digest_mismatch");
    const ct = si.signedAttrs.get(OID.contentType)?.[0];
    if (!ct || !ct.equals(oid(eContentType))) return check("signature", "fail", "digest_mismatch", "content type attribute");
    signedBytes = si.signedAttrsDer;
  }
  const facts = { signatureAlgorithm: signatureAlgorithmName(si.signatureOid), keyAlgorithm: keyAlgorithmName(signerCert.spki) };
  const sm2 = sm2AwareSignatureCheck({ spki: signerCert.spki, signatureOid: si.signatureOid, sm2Oids: SM2_CMS_SIGNATURE_OIDS, data: signedBytes, signature: si.signature });
  if (sm2) return sm2.ok ? check("signature", "pass", "ok", undefined, facts) : check("signature", "fail", sm2.reason, sm2.detail);
  try {
    const key = new X509Certificate(signerCert.der).publicKey;
    const ok = verify(nodeDigestName(si.digestOid)!, signedBytes, key, si.signature);
    return ok ? check("signature", "pass", "ok", undefined, facts) : check("signature", "fail", "bad_signature");
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
