// CMS / PKCS#7 signature verification: signature, signer certificate, its chain and status at
// the signing time, where the signing time comes from an embedded RFC 3161 timestamp when
// there is one (a signingTime attribute is only the signer's claim).
import { X509Certificate } from "node:crypto";
import { readRoot, parseTime } from "../asn1/der";
import { OID } from "../asn1/oids";
import { pemToDer } from "../asn1/certificate-parts";
import { isCaError } from "../errors";
import { parseSignedData, type ParsedSignedData } from "./parse-signed-data";
import { findSignerCertificate, signingKeyUsageCheck, verifySignerInfo } from "./verify-signer";
import { buildChain, revocationCheck, validityCheck, type VerificationContext } from "./verify-certificate";
import { verifyTimestampToken, type TimestampVerdict } from "./verify-timestamp";
import { check, overallOf, type Check, type Overall } from "./verdict";

export interface CmsVerdict {
  overall: Overall;
  checks: Check[];
  signingTime?: { value: Date; source: "timestamp" | "claimed" | "verification_time" };
  signer?: { subject: string; serialHex: string; issuerId?: string };
  timestamp?: TimestampVerdict;
}

/**
 * Never throws for what the input holds: a structure the engine cannot read is an invalid verdict
 * with the reason in the structure check's detail (the parsers' refusals are CaErrors; anything
 * else is a bug and is thrown).
 */
export async function verifyCms(input: { cms: string | Uint8Array; content?: Uint8Array; at: Date }, ctx: VerificationContext): Promise<CmsVerdict> {
  try {
    return await verifyParsedCms(input, ctx);
  } catch (e) {
    if (!isCaError(e)) throw e;
    return { overall: "invalid", checks: [check("structure", "fail", "malformed", e.message)] };
  }
}

/** The subject as openssl prints it; "" when node cannot read the certificate (the verdict says why). */
function subjectOf(der: Buffer): string {
  try {
    return new X509Certificate(der).subject;
  } catch {
    return "";
  }
}

function claimedSigningTime(attr: Buffer): string | undefined {
  try {
    return `claimed ${parseTime(attr, readRoot(attr)).toISOString()}`;
  } catch {
    return "claimed signingTime unreadable";
  }
}

async function verifyParsedCms(input: { cms: string | Uint8Array; content?: Uint8Array; at: Date }, ctx: VerificationContext): Promise<CmsVerdict> {
  let sd: ParsedSignedData;
  try {
    sd = parseSignedData(pemToDer(input.cms));
  } catch (e) {
    return { overall: "invalid", checks: [check("structure", "fail", "malformed", isCaError(e) ? e.message : undefined)] };
  }
  const checks: Check[] = [check("structure", "pass", "ok")];
  const si = sd.signers[0];
  if (!si) return { overall: "invalid", checks: [...checks, check("signer_certificate", "fail", "signer_not_found")] };
  const signerCert = findSignerCertificate(sd, si, ctx.anchors.map((a) => a.certificate));
  if (!signerCert) return { overall: "invalid", checks: [...checks, check("signer_certificate", "fail", "signer_not_found")] };
  checks.push(check("signer_certificate", "pass", "ok"));

  const content = sd.eContent ?? (input.content ? Buffer.from(input.content) : undefined);
  checks.push(content ? verifySignerInfo(si, signerCert, content, sd.eContentType) : check("signature", "cannot_tell", "no_content"));
  checks.push(signingKeyUsageCheck(signerCert));

  // signing time: a valid timestamp over the signature value proves it
  let signingTime: CmsVerdict["signingTime"] = { value: input.at, source: "verification_time" };
  let timestamp: TimestampVerdict | undefined;
  const token = si.unsignedAttrs.get(OID.timeStampToken)?.[0];
  if (token) {
    timestamp = await verifyTimestampToken(token, { data: si.signature }, ctx);
    if (timestamp.overall === "valid" && timestamp.genTime) {
      signingTime = { value: timestamp.genTime, source: "timestamp" };
      checks.push(check("timestamp", "pass", "ok", timestamp.genTime.toISOString(), { genTime: timestamp.genTime.toISOString() }));
    } else {
      checks.push(check("timestamp", "fail", "timestamp_invalid", timestamp.checks.filter((c) => c.outcome !== "pass").map((c) => c.reason).join(",")));
    }
  } else {
    const claimed = si.signedAttrs.get(OID.signingTime)?.[0];
    checks.push(check("timestamp", "cannot_tell", "no_timestamp", claimed ? claimedSigningTime(claimed) : undefined));
  }

  const chain = buildChain(signerCert, ctx, sd.certificates);
  checks.push(chain.trusted ? check("chain", "pass", "ok") : check("chain", "fail", "untrusted"));
  checks.push(validityCheck(chain.path, signingTime.value));
  checks.push(chain.trusted ? await revocationCheck(signerCert, chain.issuerId, signingTime.value, ctx) : check("revocation", "cannot_tell", "untrusted"));

  // Without a timestamp the result can still be valid "as of now"; the timestamp check says so.
  const decisive = checks.filter((c) => !(c.id === "timestamp" && c.outcome === "cannot_tell"));
  return {
    overall: overallOf(decisive),
    checks,
    signingTime,
    signer: { subject: subjectOf(signerCert.der), serialHex: signerCert.serialHex, issuerId: chain.issuerId },
    timestamp,
  };
}

