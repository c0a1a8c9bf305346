// RFC 3161 token verification: imprint against the data, token signature, ESS certificate
// binding, the TSA certificate's critical timeStamping EKU, its chain and status at genTime.
// Imprints and ESS certificate hashes may be SM3 (an SM2 TSA's tokens), beside SHA-2.
import { createHash } from "node:crypto";
import { children, contentOf, expectTag, parseTime, raw, readOid, readRoot } from "../asn1/der";
import { OID } from "../asn1/oids";
import type { CertificateParts } from "../asn1/certificate-parts";
import { CaError, isCaError } from "../errors";
import { STRUCTURE_LIMITS } from "../asn1/limits";
import { parseSignedData } from "./parse-signed-data";
import { findSignerCertificate, verifySignerInfo } from "./verify-signer";
import { digestOf } from "./signature-algorithms";
import { buildChain, revocationCheck, validityCheck, type VerificationContext } from "./verify-certificate";
import { check, overallOf, type Check, type Overall } from "./verdict";

export interface TimestampVerdict {
  overall: Overall;
  checks: Check[];
  genTime?: Date;
  policy?: string;
  serialHex?: string;
  tsaCertificate?: CertificateParts;
}

/** Accepts a TimeStampToken (ContentInfo) or a whole TimeStampResp. */
function tokenOf(input: Buffer): Buffer {
  const root = readRoot(input, STRUCTURE_LIMITS.cms);
  const kids = children(input, root);
  if (kids[0]?.tag === 0x30 && kids[1]?.tag === 0x30) return raw(input, kids[1]);
  return input;
}

/** Never throws for what the token holds (as verifyCms): unreadable structure is an invalid verdict. */
export async function verifyTimestampToken(
  input: Uint8Array,
  covered: { data: Buffer } | { hashOid: string; digest: Buffer },
  ctx: VerificationContext,
): Promise<TimestampVerdict> {
  try {
    return await verifyParsedToken(input, covered, ctx);
  } catch (e) {
    if (!isCaError(e)) throw e;
    return { overall: "invalid", checks: [check("structure", "fail", "malformed", e.message)] };
  }
}

async function verifyParsedToken(
  input: Uint8Array,
  covered: { data: Buffer } | { hashOid: string; digest: Buffer },
  ctx: VerificationContext,
): Promise<TimestampVerdict> {
  let sd, tst;
  try {
    const token = tokenOf(Buffer.from(input));
    sd = parseSignedData(token);
    if (sd.eContentType !== OID.tstInfo || !sd.eContent) throw new CaError("CMS_MALFORMED", "not a timestamp token");
    const t = sd.eContent;
    const f = children(t, expectTag(readRoot(t), 0x30, "TSTInfo"));
    const [alg, hashed] = children(t, expectTag(f[2], 0x30, "messageImprint"));
    tst = {
      policy: readOid(t, f[1]),
      hashOid: readOid(t, children(t, expectTag(alg, 0x30, "AlgorithmIdentifier"))[0]),
      hashed: Buffer.from(contentOf(t, expectTag(hashed, 0x04, "hashedMessage"))),
      serialHex: Buffer.from(contentOf(t, expectTag(f[3], 0x02, "serialNumber"))).toString("hex"),
      genTime: parseTime(t, expectTag(f[4], 0x18, "genTime")),
    };
  } catch (e) {
    return { overall: "invalid", checks: [check("structure", "fail", "malformed", isCaError(e) ? e.message : undefined)] };
  }
  const checks: Check[] = [check("structure", "pass", "ok")];
  if (!digestOf(tst.hashOid, Buffer.alloc(0))) checks.push(check("message_imprint", "fail", "unsupported_algorithm", tst.hashOid));
  else {
    const expected = "data" in covered ? digestOf(tst.hashOid, covered.data) : covered.hashOid === tst.hashOid ? covered.digest : undefined;
    checks.push(expected?.equals(tst.hashed) ? check("message_imprint", "pass", "ok") : check("message_imprint", "fail", "digest_mismatch"));
  }
  const si = sd.signers[0];
  const tsaCert = si ? findSignerCertificate(sd, si, ctx.anchors.map((a) => a.certificate)) : undefined;
  if (!si || !tsaCert) {
    checks.push(check("signer_certificate", "fail", "signer_not_found"));
    return { overall: overallOf(checks), checks, genTime: tst.genTime, policy: tst.policy, serialHex: tst.serialHex };
  }
  checks.push(check("signer_certificate", "pass", "ok"));
  checks.push(verifySignerInfo(si, tsaCert, sd.eContent!, sd.eContentType));
  checks.push(essCheck(si.signedAttrs, tsaCert));
  checks.push(tsaUsageCheck(tsaCert));
  const chain = buildChain(tsaCert, ctx, sd.certificates);
  checks.push(chain.trusted ? check("chain", "pass", "ok") : check("chain", "fail", "untrusted"));
  checks.push(validityCheck(chain.path, tst.genTime));
  checks.push(chain.trusted ? await revocationCheck(tsaCert, chain.issuerId, tst.genTime, ctx) : check("revocation", "cannot_tell", "untrusted"));
  return { overall: overallOf(checks), checks, genTime: tst.genTime, policy: tst.policy, serialHex: tst.serialHex, tsaCertificate: tsaCert };
}

function essCheck(attrs: Map<string, Buffer[]>, cert: CertificateParts): Check {
  const v2 = attrs.get(OID.signingCertificateV2)?.[0];
  const v1 = attrs.get("1.2.840.113549.1.9.16.2.12")?.[0];
  const value = v2 ?? v1;
  if (!value) return check("signer_certificate", "fail", "ess_mismatch", "no signingCertificate attribute");
  try {
    const [certs] = children(value, readRoot(value));
    const [first] = children(value, certs!);
    const parts = children(value, first!);
    let i = 0;
    // ESSCertIDv2's hash defaults to SHA-256 (RFC 5035); an SM2 TSA may name SM3. v1 is SHA-1.
    const hashOid = v2 && parts[0]?.tag === 0x30 ? readOid(value, children(value, parts[i++]!)[0]) : OID.sha256;
    const hash = contentOf(value, expectTag(parts[i], 0x04, "certHash"));
    const expected = v2 ? digestOf(hashOid, cert.der) : createHash("sha1").update(cert.der).digest();
    if (!expected) return check("signer_certificate", "fail", "ess_mismatch", `unsupported certHash algorithm ${hashOid}`);
    return expected.equals(hash) ? check("signer_certificate", "pass", "ok") : check("signer_certificate", "fail", "ess_mismatch");
  } catch {
    return check("signer_certificate", "fail", "ess_mismatch");
  }
}

function tsaUsageCheck(cert: CertificateParts): Check {
  const eku = cert.extensions.get(OID.extKeyUsage);
  if (!eku?.critical) return check("key_usage", "fail", "tsa_not_authorised");
  let oids: string[];
  try {
    oids = children(eku.value, readRoot(eku.value)).map((n) => readOid(eku.value, n));
  } catch (e) {
    return check("key_usage", "fail", "malformed", `extKeyUsage: ${e instanceof Error ? e.message : "unreadable"}`);
  }
  return oids.length === 1 && oids[0] === OID.ekuTimeStamping ? check("key_usage", "pass", "ok") : check("key_usage", "fail", "tsa_not_authorised");
}
