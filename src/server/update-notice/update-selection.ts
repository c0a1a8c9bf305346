import { X509Certificate } from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

export const KEY_ALGORITHMS = ["EC-P256", "EC-P384", "RSA-2048", "RSA-3072", "RSA-4096"] as const;

/**
 * Which certificates a CA-ordered update (clause 4) reaches. Every criterion given must match
 * (AND); within one criterion any listed value matches (OR). At least one criterion is required,
 * so "every certificate" is never selected by an empty form.
 */
export const updateSelectionSchema = z
  .object({
    profileCodes: z.array(z.string().min(1).max(64)).min(1).max(50).optional(),
    /** IssuingCa ids (the rows), e.g. all certificates of a CA whose key is retired. */
    issuingCaIds: z.array(z.string().uuid()).min(1).max(20).optional(),
    /** The subscriber key's algorithm, read from the certificate ("EC-P256", "RSA-2048"...). */
    keyAlgorithms: z.array(z.enum(KEY_ALGORITHMS)).min(1).optional(),
    /** notAfter within [from, to]. */
    expiresFrom: z.coerce.date().optional(),
    expiresTo: z.coerce.date().optional(),
  })
  .strict()
  .refine((s) => Object.values(s).some((v) => v !== undefined), { message: "AT_LEAST_ONE_CRITERION", path: ["profileCodes"] })
  .refine((s) => !s.expiresFrom || !s.expiresTo || s.expiresFrom.getTime() <= s.expiresTo.getTime(), { message: "RANGE_REVERSED", path: ["expiresTo"] });

export type UpdateSelection = z.infer<typeof updateSelectionSchema>;

/** The key algorithm label of a certificate's subject public key. */
export function keyAlgorithmOf(der: Uint8Array): string {
  const key = new X509Certificate(der).publicKey;
  const d = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === "rsa") return `RSA-${d.modulusLength ?? 0}`;
  if (key.asymmetricKeyType === "ec") return d.namedCurve === "secp384r1" ? "EC-P384" : d.namedCurve === "prime256v1" ? "EC-P256" : `EC-${d.namedCurve ?? "unknown"}`;
  return (key.asymmetricKeyType ?? "unknown").toUpperCase();
}

export interface SelectedCertificate {
  id: string;
  serialHex: string;
  subscriberUserId: string | null;
  subscriberOrganisationId: string | null;
}

/**
 * The certificates the selection reaches at `now`: valid (not revoked, not expired) and not
 * already replaced. Profile, issuer and expiry are filtered in SQL; the key algorithm is read
 * from each candidate's DER (it is not a column).
 */
export async function selectCertificates(tx: Tx, selection: UpdateSelection, now: Date): Promise<SelectedCertificate[]> {
  const notAfter: Prisma.DateTimeFilter = { gt: now };
  if (selection.expiresFrom && selection.expiresFrom > now) notAfter.gte = selection.expiresFrom;
  if (selection.expiresTo) notAfter.lte = selection.expiresTo;
  const rows = await tx.certificate.findMany({
    where: {
      revokedAt: null,
      supersededById: null,
      notAfter,
      ...(selection.profileCodes ? { profile: { code: { in: selection.profileCodes } } } : {}),
      ...(selection.issuingCaIds ? { issuerId: { in: selection.issuingCaIds } } : {}),
    },
    select: { id: true, serialHex: true, subscriberUserId: true, subscriberOrganisationId: true, ...(selection.keyAlgorithms ? { der: true } : {}) },
    orderBy: { id: "asc" },
  });
  const wanted = selection.keyAlgorithms ? new Set<string>(selection.keyAlgorithms) : null;
  return rows
    .filter((r) => !wanted || wanted.has(keyAlgorithmOf((r as { der: Uint8Array }).der)))
    .map((r) => ({ id: r.id, serialHex: r.serialHex, subscriberUserId: r.subscriberUserId, subscriberOrganisationId: r.subscriberOrganisationId }));
}
