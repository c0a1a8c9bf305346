import { X509Certificate } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { normaliseSerial } from "@/domain/certificate";
import { domainError } from "@/server/core";

/** A certificate file is a few kB; a chain or a bundle is not what we ask for. */
export const MAX_CERTIFICATE_BYTES = 16_384;

export interface ReportedCertificate {
  id: string;
  serialHex: string;
  der: Uint8Array;
  canonicalSerial: string;
}

/** PEM or DER to DER, or null when it is neither (parsed before anything is looked up or stored). */
function certificateDer(bytes: Uint8Array): Buffer | null {
  const text = Buffer.from(bytes).toString("latin1");
  const pem = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/.exec(text);
  const der = pem ? Buffer.from(pem[1]!.replace(/\s+/g, ""), "base64") : Buffer.from(bytes);
  try {
    return Buffer.from(new X509Certificate(der).raw);
  } catch {
    return null;
  }
}

/** Serial candidates as stored: with and without a DER sign byte. */
function storedForms(canonical: string): string[] {
  const even = canonical.length % 2 === 1 ? `0${canonical}` : canonical;
  return [...new Set([canonical, even, `00${even}`])];
}

/**
 * The certificate a report is about, by serial (tolerant of case and separators) or by the
 * certificate file itself; both given, they must name the same one. The file is matched byte for
 * byte against what we issued, so a look-alike with our serial is not ours.
 */
export async function findReportedCertificate(db: PrismaClient, by: { serial?: string; file?: Uint8Array }): Promise<ReportedCertificate> {
  const typed = by.serial?.trim() ? normaliseSerial(by.serial) : undefined;
  if (typed === null) throw domainError("PROBLEM_REPORT_CERTIFICATE_UNREADABLE", { field: "serial" });
  let der: Buffer | null = null;
  if (by.file && by.file.length > 0) {
    if (by.file.length > MAX_CERTIFICATE_BYTES) throw domainError("INPUT_TOO_LARGE", { field: "certificate", limit: MAX_CERTIFICATE_BYTES });
    der = certificateDer(by.file);
    if (!der) throw domainError("PROBLEM_REPORT_CERTIFICATE_UNREADABLE", { field: "certificate" });
  }
  const fileSerial = der ? normaliseSerial(new X509Certificate(der).serialNumber) : undefined;
  if (typed === undefined && !fileSerial) throw domainError("PROBLEM_REPORT_CERTIFICATE_REQUIRED");
  if (typed !== undefined && fileSerial && typed !== fileSerial) throw domainError("PROBLEM_REPORT_CERTIFICATE_REQUIRED", { mismatch: true });
  const canonical = (typed ?? fileSerial)!;
  const rows = await db.certificate.findMany({ where: { serialHex: { in: storedForms(canonical) } }, select: { id: true, serialHex: true, der: true }, take: 10 });
  const match = der ? rows.find((r) => Buffer.from(r.der).equals(der)) : rows.length === 1 ? rows[0] : undefined;
  // Two issuing CAs may have used one serial: then only the file tells which certificate is meant.
  if (!match) throw domainError(rows.length > 1 ? "PROBLEM_REPORT_CERTIFICATE_REQUIRED" : "PROBLEM_REPORT_CERTIFICATE_UNKNOWN", rows.length > 1 ? { ambiguous: true } : undefined);
  return { id: match.id, serialHex: match.serialHex, der: match.der, canonicalSerial: canonical };
}
