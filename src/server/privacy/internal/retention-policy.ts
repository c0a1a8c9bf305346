import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

export const RETENTION_SETTING_KEY = "privacy.retention";

/** Electronic Signature Law art. 24: certification information is kept at least five years after the certificate ceases to be valid. */
export const LEGAL_MINIMUM_YEARS = 5;

export interface RetentionPolicy {
  /** Years certificate-related records are kept after the certificate's notAfter (>= 5; the CPS may say more). */
  certificateYearsAfterExpiry: number;
  /** Days sign-in attempts are kept (rate limiting and security review need no more). */
  signInAttemptDays: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { certificateYearsAfterExpiry: LEGAL_MINIMUM_YEARS, signInAttemptDays: 90 };

/** The policy in force: the administrator's setting, never below the legal minimum. */
export async function loadRetentionPolicy(db: Tx | PrismaClient): Promise<RetentionPolicy> {
  const row = await db.appSetting.findUnique({ where: { key: RETENTION_SETTING_KEY } });
  const v = (row?.value ?? {}) as Partial<RetentionPolicy>;
  const years = typeof v.certificateYearsAfterExpiry === "number" ? v.certificateYearsAfterExpiry : DEFAULT_RETENTION.certificateYearsAfterExpiry;
  const days = typeof v.signInAttemptDays === "number" ? v.signInAttemptDays : DEFAULT_RETENTION.signInAttemptDays;
  return { certificateYearsAfterExpiry: Math.max(LEGAL_MINIMUM_YEARS, years), signInAttemptDays: Math.max(1, days) };
}

/** notAfter plus whole calendar years (UTC), so 29 February rolls to 1 March like the law's "years". */
export function addYears(d: Date, years: number): Date {
  const out = new Date(d);
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

/**
 * Until when a subscriber's certificate-related records must be kept: the latest notAfter of
 * their certificates plus the policy's years. Null when they have no certificate (nothing must
 * be kept for the CA's archive duty).
 */
export async function retentionEndFor(db: Tx | PrismaClient, userId: string, policy: RetentionPolicy): Promise<{ keepUntil: Date | null; certificateIds: string[] }> {
  const certs = await db.certificate.findMany({
    where: { OR: [{ subscriberUserId: userId }, { application: { applicantId: userId } }] },
    select: { id: true, notAfter: true },
  });
  if (certs.length === 0) return { keepUntil: null, certificateIds: [] };
  const latest = certs.reduce((m, c) => Math.max(m, c.notAfter.getTime()), 0); // a loop: a spread overflows the call stack past ~100k
  return { keepUntil: addYears(new Date(latest), policy.certificateYearsAfterExpiry), certificateIds: certs.map((c) => c.id) };
}
