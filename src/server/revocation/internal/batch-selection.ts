import { createHash } from "node:crypto";
import { z } from "zod";
import { storedSerialForms } from "@/domain/certificate";
import { MAX_BATCH_SERIAL_LINES, parseSerialList } from "@/domain/revocation";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";

/** At most this many certificates in one batch: larger plans are split by the administrator. */
export const MAX_BATCH_CERTIFICATES = 50_000;

/**
 * How a batch revocation picks its certificates: every valid certificate of an issuing CA, of a
 * profile, on a public key (SPKI SHA-256), or a pasted list of serials (MAX_BATCH_SERIAL_LINES).
 */
export const batchSelectionSchema = z.discriminatedUnion("by", [
  z.object({ by: z.literal("ISSUER"), issuer: z.string().trim().min(1).max(200) }),
  z.object({ by: z.literal("PROFILE"), profileCode: z.string().trim().min(1).max(100) }),
  z.object({ by: z.literal("KEY"), spkiSha256: z.string().trim().toLowerCase().regex(/^[0-9a-f]{64}$/, "SPKI_SHA256") }),
  // Bounded in characters too (a line is at most 120): the line count is checked after parsing.
  z.object({ by: z.literal("SERIALS"), serials: z.string().max(MAX_BATCH_SERIAL_LINES * 122) }),
]);
export type BatchSelection = z.infer<typeof batchSelectionSchema>;

export interface SelectedCertificate {
  id: string;
  serialHex: string;
  subjectDn: string;
  revokedAt: Date | null;
  subscriberUserId: string | null;
  subscriberOrganisationId: string | null;
}

export interface ResolvedSelection {
  certificates: SelectedCertificate[];
  /** SERIALS: normalised serials that name no certificate of ours (or only an expired one). */
  unknownSerials: string[];
  /** SERIALS: lines that are no serial. */
  invalidLines: string[];
  /** What the audit trail keeps of the selection (a serial list by its count and SHA-256, not in full). */
  recorded: { by: "ISSUER"; issuer: string } | { by: "PROFILE"; profileCode: string } | { by: "KEY"; spkiSha256: string } | { by: "SERIALS"; count: number; unknown: number; sha256: string };
}

/**
 * The certificates a selection names as of `asOf`: issued by then and not expired at `now`
 * (an expired certificate is on no CRL). Already revoked ones are included: the batch counts them
 * as skipped. Issued after `asOf` (the preview the administrator confirmed) they are not, so the
 * approvers approve the set the requester saw.
 */
export async function resolveBatchSelection(tx: Tx | PrismaClient, selection: BatchSelection, asOf: Date, now: Date): Promise<ResolvedSelection> {
  // notBefore is the issuing instant on the injected clock (createdAt is the database's own clock).
  const live: Prisma.CertificateWhereInput = { notAfter: { gt: now }, notBefore: { lte: asOf } };
  const select = { id: true, serialHex: true, subjectDn: true, revokedAt: true, subscriberUserId: true, subscriberOrganisationId: true } as const;
  const bounded = async (where: Prisma.CertificateWhereInput) => {
    const found = await tx.certificate.findMany({ where: { ...live, ...where }, select, orderBy: { serialHex: "asc" }, take: MAX_BATCH_CERTIFICATES + 1 });
    if (found.length > MAX_BATCH_CERTIFICATES) throw domainError("REVOCATION_BATCH_TOO_LARGE", { limit: MAX_BATCH_CERTIFICATES });
    return found;
  };
  switch (selection.by) {
    case "ISSUER": {
      const ca = await tx.issuingCa.findUnique({ where: { name: selection.issuer }, select: { id: true } });
      if (!ca) throw domainError("VALIDATION_FAILED", { issues: { issuer: ["UNKNOWN"] } });
      return { certificates: await bounded({ issuerId: ca.id }), unknownSerials: [], invalidLines: [], recorded: selection };
    }
    case "PROFILE": {
      const profile = await tx.certificateProfile.findUnique({ where: { code: selection.profileCode }, select: { id: true } });
      if (!profile) throw domainError("VALIDATION_FAILED", { issues: { profileCode: ["UNKNOWN"] } });
      return { certificates: await bounded({ profileId: profile.id }), unknownSerials: [], invalidLines: [], recorded: selection };
    }
    case "KEY":
      return { certificates: await bounded({ publicKeySha256: selection.spkiSha256 }), unknownSerials: [], invalidLines: [], recorded: selection };
    case "SERIALS": {
      const parsed = parseSerialList(selection.serials);
      if (!parsed.ok && parsed.reason === "TOO_MANY_LINES") throw domainError("REVOCATION_BATCH_TOO_MANY_LINES", { limit: MAX_BATCH_SERIAL_LINES });
      if (!parsed.ok) throw domainError("VALIDATION_FAILED", { issues: { serials: ["REQUIRED"] } });
      const { serials, invalid } = parsed.list;
      const certificates: SelectedCertificate[] = [];
      const found = new Set<string>();
      // In slices, so that one query never carries tens of thousands of parameters.
      for (let i = 0; i < serials.length; i += 1000) {
        const slice = serials.slice(i, i + 1000);
        const rows = await bounded({ serialHex: { in: slice.flatMap(storedSerialForms) } });
        for (const r of rows) {
          certificates.push(r);
          found.add(r.serialHex.replace(/^0+/, "") || "0");
        }
      }
      if (certificates.length > MAX_BATCH_CERTIFICATES) throw domainError("REVOCATION_BATCH_TOO_LARGE", { limit: MAX_BATCH_CERTIFICATES });
      const unknownSerials = serials.filter((s) => !found.has(s));
      const sha256 = createHash("sha256").update(serials.join("\n")).digest("hex");
      return { certificates, unknownSerials, invalidLines: invalid, recorded: { by: "SERIALS", count: serials.length, unknown: unknownSerials.length, sha256 } };
    }
  }
}
