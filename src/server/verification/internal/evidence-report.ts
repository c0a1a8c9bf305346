import { createHash, randomUUID } from "node:crypto";
import type { CertificateVerdict } from "@/ca/verify/verify-certificate";
import type { CmsVerdict } from "@/ca/verify/verify-cms";
import type { TimestampVerdict } from "@/ca/verify/verify-timestamp";
import type { Check, Overall } from "@/ca/verify/verdict";
import { canonicalJson } from "@/server/core";
import { CHECKER } from "./checker-version";

export type VerificationKind = "certificate" | "signature" | "timestamp";

export interface ReportInput {
  /** Which input: "certificate", "signature", "signedData", "timestampToken". */
  role: string;
  size: number;
  sha256: string;
}

/** Plain JSON (dates as ISO strings), so the report hashes and prints the same everywhere. */
export interface JsonVerdict {
  overall: Overall;
  checks: Check[];
  [fact: string]: unknown;
}

export interface EvidenceReport {
  format: "portal.verification-report/1";
  reportId: string;
  kind: VerificationKind;
  /** When the service checked. */
  checkedAt: string;
  /** The instant the verdict speaks about (asked for, or the time of checking). */
  verificationTime: string;
  checker: typeof CHECKER;
  inputs: ReportInput[];
  verdict: JsonVerdict;
  /** SHA-256 of the canonical JSON of every field above: printed on the page so copies can be compared. */
  digest: string;
}

export function describeInput(role: string, bytes: Buffer): ReportInput {
  return { role, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

const iso = (d: Date | undefined) => (d ? d.toISOString() : undefined);

export function certificateVerdictJson(v: CertificateVerdict): JsonVerdict {
  return strip({ overall: v.overall, checks: v.checks, at: iso(v.at), serialHex: v.serialHex, issuerId: v.issuerId });
}

export function timestampVerdictJson(v: TimestampVerdict): JsonVerdict {
  return strip({
    overall: v.overall,
    checks: v.checks,
    genTime: iso(v.genTime),
    policy: v.policy,
    serialHex: v.serialHex,
    // The TSA certificate itself is public, but the report names it rather than embedding it.
    tsaCertificate: v.tsaCertificate
      ? { serialHex: v.tsaCertificate.serialHex, sha256: createHash("sha256").update(v.tsaCertificate.der).digest("hex") }
      : undefined,
  });
}

export function cmsVerdictJson(v: CmsVerdict): JsonVerdict {
  return strip({
    overall: v.overall,
    checks: v.checks,
    signingTime: v.signingTime ? { value: v.signingTime.value.toISOString(), source: v.signingTime.source } : undefined,
    signer: v.signer,
    timestamp: v.timestamp ? timestampVerdictJson(v.timestamp) : undefined,
  });
}

function strip<T extends Record<string, unknown>>(o: T): JsonVerdict {
  return JSON.parse(canonicalJson(o)) as JsonVerdict;
}

export function buildEvidenceReport(args: {
  kind: VerificationKind;
  checkedAt: Date;
  verificationTime: Date;
  inputs: ReportInput[];
  verdict: JsonVerdict;
}): EvidenceReport {
  const body = {
    format: "portal.verification-report/1" as const,
    reportId: randomUUID(),
    kind: args.kind,
    checkedAt: args.checkedAt.toISOString(),
    verificationTime: args.verificationTime.toISOString(),
    checker: CHECKER,
    inputs: args.inputs,
    verdict: args.verdict,
  };
  return { ...body, digest: reportDigest(body) };
}

/** Recomputes the digest of a report (without its digest field): a changed report no longer matches. */
export function reportDigest(report: Omit<EvidenceReport, "digest"> | EvidenceReport): string {
  const body: Partial<EvidenceReport> = { ...report };
  delete body.digest;
  return createHash("sha256").update(canonicalJson(body), "utf8").digest("hex");
}
