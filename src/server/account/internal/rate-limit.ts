import type { Tx } from "@/server/core";

/** Failed sign-ins allowed per account (by address, existing or not) in the window. */
export const ACCOUNT_FAILURE_LIMIT = 5;
/** Failed sign-ins allowed per client address in the window, across all accounts. */
export const IP_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type LimitHit = { scope: "account" | "ip"; retryAfterSeconds: number } | null;

/**
 * Counts recent failures from SignInAttempt rows. A successful sign-in to the account ends its
 * count (the owner got in); the per-address count is never reset, so one address cannot spray
 * passwords across many accounts. Refused attempts are not recorded, so waiting out the window
 * always works.
 */
export async function signInLimitHit(tx: Tx, now: Date, key: string, ip: string | null): Promise<LimitHit> {
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const lastSuccess = await tx.signInAttempt.findFirst({
    where: { emailKey: key, success: true, at: { gte: windowStart } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const accountFailures = await tx.signInAttempt.findMany({
    where: { emailKey: key, success: false, at: { gt: lastSuccess?.at ?? windowStart } },
    orderBy: { at: "desc" },
    take: ACCOUNT_FAILURE_LIMIT,
    select: { at: true },
  });
  if (accountFailures.length >= ACCOUNT_FAILURE_LIMIT) {
    return { scope: "account", retryAfterSeconds: retryAfter(accountFailures, now) };
  }
  if (ip) {
    const ipFailures = await tx.signInAttempt.findMany({
      where: { ip, success: false, at: { gt: windowStart } },
      orderBy: { at: "desc" },
      take: IP_FAILURE_LIMIT,
      select: { at: true },
    });
    if (ipFailures.length >= IP_FAILURE_LIMIT) return { scope: "ip", retryAfterSeconds: retryAfter(ipFailures, now) };
  }
  return null;
}

/** When the oldest counted failure leaves the window, the count drops below the limit. */
function retryAfter(failuresNewestFirst: { at: Date }[], now: Date): number {
  const oldest = failuresNewestFirst[failuresNewestFirst.length - 1];
  if (!oldest) return 0;
  return Math.max(1, Math.ceil((oldest.at.getTime() + FAILURE_WINDOW_MS - now.getTime()) / 1000));
}

export async function recordSignInAttempt(tx: Tx, now: Date, key: string, ip: string | null, success: boolean): Promise<void> {
  await tx.signInAttempt.create({ data: { emailKey: key, ip, at: now, success } });
}
