import { SHANGHAI_OFFSET_MS } from "@/domain/calendar";
import type { Tx } from "@/server/core";

/*
 * Sign-in throttling, from SignInAttempt rows and the injected clock. Three limits, none of which
 * lets a stranger lock the owner out:
 *
 * 1. One address on one account: the first PAIR_FREE_FAILURES failures cost nothing; from then on
 *    each failure makes that address wait 2^n seconds (n = failures beyond the free ones, so 2 s,
 *    4 s, 8 s ...) capped at MAX_DELAY_MS before it may try that account again. The count is
 *    forgotten after a success from that address on that account, or PAIR_MEMORY_MS after the
 *    last failure. This replaces a hard lock of the account after five failures from anywhere,
 *    which anyone who knew a staff address could keep up for ever.
 * 2. One account from everywhere (a guessing botnet): ACCOUNT_FAILURE_LIMIT failures in
 *    FAILURE_WINDOW_MS, far above what one person types. It refuses addresses the account has not
 *    signed in from within KNOWN_ADDRESS_MS; a known address (the staff member's own) is held only
 *    by its own failures (limit 1 above), so someone else's failures cannot keep it out.
 * 3. One address across accounts (password spraying): IP_FAILURE_LIMIT failures in the window.
 *
 * Refused attempts are not recorded, so waiting until the time given always works. Attempts on
 * an address without an account are counted the same way, so the answer tells nothing.
 */

/** Failures from one address on one account before delays start. */
export const PAIR_FREE_FAILURES = 5;
/** The longest one address waits between tries on one account. */
export const MAX_DELAY_MS = 15 * 60 * 1000;
/** How long an address's failures on an account are remembered after the last one. */
export const PAIR_MEMORY_MS = 24 * 60 * 60 * 1000;
/** Failures on one account from all addresses in the window before unknown addresses are refused. */
export const ACCOUNT_FAILURE_LIMIT = 100;
/** Failed sign-ins allowed per client address in the window, across all accounts. */
export const IP_FAILURE_LIMIT = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** An address with a successful sign-in to the account within this time is the account's known address. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60 * 1000;

export type LimitScope = "address-on-account" | "account" | "ip";
export type LimitHit = { scope: LimitScope; retryAt: Date; retryAfterSeconds: number } | null;

/** The wait after `failures` consecutive failures of one address on one account (0 while free). */
export function delayAfterFailures(failures: number): number {
  const n = failures - PAIR_FREE_FAILURES + 1;
  if (n <= 0) return 0;
  return Math.min(MAX_DELAY_MS, 2 ** Math.min(n, 30) * 1000);
}

export async function signInLimitHit(tx: Tx, now: Date, key: string, ip: string | null): Promise<LimitHit> {
  return (await pairLimit(tx, now, key, ip)) ?? (await accountLimit(tx, now, key, ip)) ?? (ip ? await ipLimit(tx, now, ip) : null);
}

async function pairLimit(tx: Tx, now: Date, key: string, ip: string | null): Promise<LimitHit> {
  const memoryStart = new Date(now.getTime() - PAIR_MEMORY_MS - MAX_DELAY_MS);
  const lastSuccess = await tx.signInAttempt.findFirst({
    where: { emailKey: key, ip, success: true, at: { gte: memoryStart } },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  // Enough rows to reach the cap: beyond it more failures change nothing.
  const cappedAt = PAIR_FREE_FAILURES + Math.ceil(Math.log2(MAX_DELAY_MS / 1000));
  const failures = await tx.signInAttempt.findMany({
    where: { emailKey: key, ip, success: false, at: { gt: lastSuccess?.at ?? memoryStart } },
    orderBy: { at: "desc" },
    take: cappedAt,
    select: { at: true },
  });
  // A gap longer than the memory between failures starts the count again.
  let count = 0;
  let previous = now.getTime();
  for (const f of failures) {
    if (previous - f.at.getTime() > PAIR_MEMORY_MS) break;
    previous = f.at.getTime();
    count += 1;
  }
  const newest = failures[0];
  if (!newest) return null;
  return hitAt("address-on-account", new Date(newest.at.getTime() + delayAfterFailures(count)), now);
}

async function accountLimit(tx: Tx, now: Date, key: string, ip: string | null): Promise<LimitHit> {
  const windowStart = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const failures = await tx.signInAttempt.findMany({
    where: { emailKey: key, success: false, at: { gt: windowStart } },
    orderBy: { at: "desc" },
    take: ACCOUNT_FAILURE_LIMIT,
    select: { at: true },
  });
  if (failures.length < ACCOUNT_FAILURE_LIMIT) return null;
  if (ip) {
    const known = await tx.signInAttempt.findFirst({
      where: { emailKey: key, ip, success: true, at: { gte: new Date(now.getTime() - KNOWN_ADDRESS_MS) } },
      select: { at: true },
    });
    if (known) return null;
  }
  return hitAt("account", windowEnd(failures), now);
}

async function ipLimit(tx: Tx, now: Date, ip: string): Promise<LimitHit> {
  const failures = await tx.signInAttempt.findMany({
    where: { ip, success: false, at: { gt: new Date(now.getTime() - FAILURE_WINDOW_MS) } },
    orderBy: { at: "desc" },
    take: IP_FAILURE_LIMIT,
    select: { at: true },
  });
  return failures.length >= IP_FAILURE_LIMIT ? hitAt("ip", windowEnd(failures), now) : null;
}

/** When the oldest counted failure leaves the window, the count drops below the limit. */
function windowEnd(failuresNewestFirst: { at: Date }[]): Date {
  return new Date(failuresNewestFirst[failuresNewestFirst.length - 1]!.at.getTime() + FAILURE_WINDOW_MS);
}

function hitAt(scope: LimitScope, retryAt: Date, now: Date): LimitHit {
  if (retryAt.getTime() <= now.getTime()) return null;
  return { scope, retryAt, retryAfterSeconds: Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000)) };
}

/** "HH:mm:ss" in Beijing time: the retry time the refusal names (never more than a day ahead). */
export function beijingClockTime(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(11, 19);
}

export async function recordSignInAttempt(tx: Tx, now: Date, key: string, ip: string | null, success: boolean): Promise<void> {
  await tx.signInAttempt.create({ data: { emailKey: key, ip, at: now, success } });
}

/**
 * A completed password reset proves control of the mailbox, so the account's failed sign-ins
 * (from every address) no longer count: the owner signs in at once with the new password. The
 * per-address spray limit keeps its other rows; the audit log keeps every failure as evidence.
 * True when there was anything to clear.
 */
export async function liftSignInLock(tx: Tx, key: string): Promise<boolean> {
  const cleared = await tx.signInAttempt.deleteMany({ where: { emailKey: key, success: false } });
  return cleared.count > 0;
}

/** Whole minutes until `retryAt` (at least 1): the refusal says "about N minutes" beside the clock time. */
export function minutesUntil(retryAfterSeconds: number): number {
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}
