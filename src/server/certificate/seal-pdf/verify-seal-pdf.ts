import { createHash } from "node:crypto";
import { parseCertificate } from "@/ca/asn1/certificate-parts";
import { children, contentOf, expectTag, readOid, readRoot } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { isSm2Spki } from "@/ca/keys/sm2";
import { parseSignedData } from "@/ca/verify/parse-signed-data";
import { findSignerCertificate } from "@/ca/verify/verify-signer";
import { verifyCms } from "@/ca/verify/verify-cms";
import type { VerificationContext } from "@/ca/verify/verify-certificate";
import { readSignatureField, SealPdfRefused } from "./signature-field";

export interface SealPdfSignature {
  /** DER of the certificate that signed (found in the CMS). */
  signerDer: Buffer;
  /** The TSA's time over the signature. */
  timestampedAt: Date;
  timestampSerialHex?: string;
  cmsSha256: string;
}

/**
 * Verifies the signed sample PDF with the CA engine (src/ca/verify): the ByteRange read strictly,
 * then the CMS over it (messageDigest, signature by the signer certificate, its chain to our
 * anchors, validity and status at the timestamp's time), the signature timestamp by our TSA over
 * the signature value (required: B-T), and the signingCertificateV2 attribute naming the signer
 * (the engine checks that attribute on timestamp tokens only, so it is checked here). Throws
 * SealPdfRefused with the first reason found; which certificate signed is the caller's question.
 */
export async function verifySealPdfSignature(pdf: Buffer, at: Date, ctx: VerificationContext): Promise<SealPdfSignature> {
  const field = readSignatureField(pdf);
  const verdict = await verifyCms({ cms: field.cms, content: field.signed, at }, ctx);
  const failed = (id: string) => verdict.checks.find((c) => c.id === id && c.outcome === "fail");
  if (failed("structure")) throw new SealPdfRefused("CMS_MALFORMED", failed("structure")?.detail);
  if (failed("signer_certificate")) throw new SealPdfRefused("WRONG_CERTIFICATE", "no signer certificate in the CMS");
  const signature = failed("signature");
  if (signature) throw new SealPdfRefused(signature.reason === "digest_mismatch" ? "DIGEST_MISMATCH" : "SIGNATURE_INVALID", signature.reason);
  const ts = verdict.checks.find((c) => c.id === "timestamp");
  if (!verdict.timestamp) throw new SealPdfRefused("TIMESTAMP_MISSING");
  if (ts?.outcome !== "pass" || !verdict.timestamp.genTime) throw new SealPdfRefused("TIMESTAMP_INVALID", ts?.detail);
  if (failed("chain")) throw new SealPdfRefused("UNTRUSTED");
  const other = verdict.checks.find((c) => c.outcome !== "pass");
  if (other || verdict.overall !== "valid") throw new SealPdfRefused("UNTRUSTED", other ? `${other.id}: ${other.reason}` : verdict.overall);

  const sd = parseSignedData(field.cms);
  const si = sd.signers[0]!;
  const signer = findSignerCertificate(sd, si);
  if (!signer) throw new SealPdfRefused("WRONG_CERTIFICATE");
  if (!signingCertificateNames(si.signedAttrs.get(OID.signingCertificateV2)?.[0], signer.der)) throw new SealPdfRefused("SIGNING_CERTIFICATE_MISSING");
  return {
    signerDer: signer.der,
    timestampedAt: verdict.timestamp.genTime,
    timestampSerialHex: verdict.timestamp.serialHex,
    cmsSha256: createHash("sha256").update(field.cms).digest("hex"),
  };
}

/** SM2 seal certificates: PAdES readers cannot check SM2 (see the page); the sample is not made for them. */
export function isSm2Certificate(der: Uint8Array): boolean {
  try {
    return isSm2Spki(parseCertificate(der).spki);
  } catch {
    return false;
  }
}

/** The first ESSCertIDv2 of a SigningCertificateV2 hashes exactly this certificate. */
function signingCertificateNames(value: Buffer | undefined, certDer: Buffer): boolean {
  if (!value) return false;
  try {
    const [certs] = children(value, expectTag(readRoot(value), 0x30, "SigningCertificateV2"));
    const [first] = children(value, expectTag(certs, 0x30, "certs"));
    const parts = children(value, expectTag(first, 0x30, "ESSCertIDv2"));
    let hash = "sha256";
    let i = 0;
    if (parts[0]?.tag === 0x30) {
      const alg = readOid(value, children(value, parts[i++]!)[0]);
      hash = ({ [OID.sha256]: "sha256", [OID.sha384]: "sha384", [OID.sha512]: "sha512" } as Record<string, string>)[alg] ?? "";
      if (!hash) return false;
    }
    return createHash(hash).update(certDer).digest().equals(contentOf(value, expectTag(parts[i], 0x04, "certHash")));
  } catch {
    return false;
  }
}
