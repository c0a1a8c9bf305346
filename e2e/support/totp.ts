// TOTP codes for the browser journeys, computed from a secret the way an authenticator app does.
// The portal accepts each 30-second step once per account (and one step either side of its clock),
// and the journeys sign the same demo staff member in many times a minute. So this keeps, per
// account, the last step it handed out (in the run folder: it outlives a restarted worker), and
// gives the next unused step: the current one, else the next one (within the portal's window),
// else it waits until that step is close enough. The rule is never bent for tests.
// Two workers sign the same staff members in at once. The portal takes only a step later than the
// account's last accepted one, so a worker reserves a step under a lock file (never the same step
// twice), and a sign-in that submits a code runs inside withTotpTurn: one at a time per account, so
// the codes reach the portal in the order their steps were reserved.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { withFileLock, withFileLockAsync } from "./file-lock";
import { e2eRun } from "./run";

const PERIOD_MS = 30_000;

function ledgerFile(): string {
  return path.join(e2eRun().runDir, "totp-last-steps.json");
}

function ledgerLock(): string {
  return `${ledgerFile()}.lock`;
}

function readLedger(): Record<string, number> {
  const file = ledgerFile();
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, number>) : {};
}

export function totpCodeAt(secret: string, step: number): string {
  return new TOTP({ algorithm: "SHA1", digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: step * PERIOD_MS });
}

/** A code for a step this account has not used yet (waits up to one step when two were used just now). */
export async function freshTotpCode(account: string, secret: string): Promise<string> {
  const step = withFileLock(ledgerLock(), () => {
    const ledger = readLedger();
    const reserved = Math.max(Math.floor(Date.now() / PERIOD_MS), (ledger[account] ?? 0) + 1);
    writeFileSync(ledgerFile(), JSON.stringify({ ...ledger, [account]: reserved }));
    return reserved;
  });
  // The portal takes at most one step ahead of its clock: wait until the step is no more than that.
  // A little margin past the boundary, so the request does not land just before it.
  const readyAt = (step - 1) * PERIOD_MS + 1_000;
  if (Date.now() < readyAt) await new Promise((r) => setTimeout(r, readyAt - Date.now()));
  return totpCodeAt(secret, step);
}

/** Marks the steps a journey used by itself (entering a code through the pages) so the helper does not reuse them. */
export function noteTotpStepUsed(account: string, step: number): void {
  withFileLock(ledgerLock(), () => {
    const ledger = readLedger();
    writeFileSync(ledgerFile(), JSON.stringify({ ...ledger, [account]: Math.max(step, ledger[account] ?? 0) }));
  });
}

/**
 * Runs a sign-in that submits a code of `account` (freshTotpCode, then the form) while no other
 * worker does the same for that account. Stale after 75 s: the longest wait for a step (30 s) and
 * a slow sign-in, yet shorter than a test's timeout.
 */
export async function withTotpTurn<T>(account: string, work: () => Promise<T>): Promise<T> {
  const name = account.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return withFileLockAsync(path.join(e2eRun().runDir, `totp-turn-${name}.lock`), work, 75_000);
}

/** A fresh secret for a staff account a journey seeds (passed to the seed as totpSecret). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}
