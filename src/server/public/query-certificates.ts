import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { normaliseSerial, storedSerialForms } from "@/domain/certificate";
import { domainError, defineQuery } from "@/server/core";
import { publicStatusOf, type PublicCertificateStatus } from "./internal/public-status";
import { lookUpSerials, type PublicCertificateRow } from "./internal/serial-lookup";
import { clientKey, consumeRateLimit, PUBLIC_QUERY_LIMIT } from "./rate-limit";

/** Names shorter than this would let anyone page through the whole register. */
export const MIN_NAME_QUERY = 2;
export const MAX_RESULTS = 20;

export const queryCertificatesInput = z
  .object({
    /** Hex, any case, with or without colons, spaces or a 0x prefix. */
    serial: z.string().trim().max(200).optional(),
    /** Part of the subject name (common name, person or organisation name as certified). */
    subject: z.string().trim().max(200).optional(),
    /** Part of the subscribing organisation's name. */
    organisation: z.string().trim().max(200).optional(),
  })
  .refine((v) => [v.serial, v.subject, v.organisation].filter((x) => x !== undefined && x !== "").length === 1, {
    message: "give exactly one of serial, subject, organisation",
  });

export interface PublicCertificateEntry {
  serialHex: string;
  status: PublicCertificateStatus;
  notBefore: Date;
  notAfter: Date;
  /** Whether the subscriber consented to publication (clause 1.2); the fields below only then. */
  published: boolean;
  subjectDn?: string;
  organisation?: string | null;
  profile?: { code: string; nameZh: string; nameEn: string };
  issuer?: string;
  revokedAt?: Date | null;
  revocationReason?: string | null;
}

/** Serial candidates as stored: lower-case hex, with and without a DER sign byte. */
export function serialCandidates(raw: string): string[] | null {
  const serial = normaliseSerial(raw);
  return serial === null ? null : storedSerialForms(serial);
}

/**
 * The public certificate query (clause 1.2, 2.1): by serial number anyone learns status and
 * validity of any certificate (as OCSP would tell them); by subject or organisation name only
 * certificates whose subscriber consented to publication are found, so a name search never reveals
 * that a non-consenting person holds a certificate. Rate limited per client address.
 */
export const queryCertificates = defineQuery({
  name: "public.query-certificates",
  input: queryCertificatesInput,
  authorize: "public",
  async run(ctx, input) {
    const limit = { key: clientKey("public-query", ctx.meta.ip), rule: PUBLIC_QUERY_LIMIT, now: ctx.now };
    let rows: PublicCertificateRow[];
    if (input.serial) {
      const serials = serialCandidates(input.serial);
      if (!serials) {
        // Counted as before: a stream of malformed serials spends the budget like any other query.
        await consumeRateLimit(ctx.db, limit.key, limit.rule, limit.now);
        throw domainError("VALIDATION_FAILED", { issues: { serial: ["not a hexadecimal serial number"] } });
      }
      // The hot path (relying parties typing a serial): counted and read in one statement.
      rows = await lookUpSerials(ctx.db, serials, limit, MAX_RESULTS + 1);
    } else {
      await consumeRateLimit(ctx.db, limit.key, limit.rule, limit.now);
      const name = (input.subject || input.organisation)!;
      if ([...name].length < MIN_NAME_QUERY) throw domainError("QUERY_TOO_BROAD");
      const where: Prisma.CertificateWhereInput = input.subject
        ? { publishConsent: true, subjectDn: { contains: name, mode: "insensitive" } }
        : {
            publishConsent: true,
            OR: [
              { subscriberOrganisation: { name: { contains: name, mode: "insensitive" } } },
              { subscriberOrganisation: { nameEn: { contains: name, mode: "insensitive" } } },
            ],
          };
      rows = await ctx.db.certificate.findMany({
        where,
        include: {
          objections: true,
          profile: { select: { code: true, nameZh: true, nameEn: true } },
          issuer: { select: { subjectDn: true } },
          subscriberOrganisation: { select: { name: true } },
        },
        orderBy: [{ notBefore: "desc" }, { id: "asc" }],
        take: MAX_RESULTS + 1,
      });
    }
    const results: PublicCertificateEntry[] = rows.slice(0, MAX_RESULTS).map((c) => {
      const base = { serialHex: c.serialHex, status: publicStatusOf(c, ctx.now), notBefore: c.notBefore, notAfter: c.notAfter, published: c.publishConsent };
      if (!c.publishConsent) return base;
      return {
        ...base,
        subjectDn: c.subjectDn,
        organisation: c.subscriberOrganisation?.name ?? null,
        profile: c.profile,
        issuer: c.issuer.subjectDn,
        revokedAt: c.revokedAt && c.revokedAt <= ctx.now ? c.revokedAt : null,
        revocationReason: c.revokedAt && c.revokedAt <= ctx.now ? c.revocationReason : null,
      };
    });
    return { results, truncated: rows.length > MAX_RESULTS };
  },
});
