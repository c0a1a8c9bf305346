// TOTP codes for the browser journeys, computed from a secret the way an authenticator app does.
// The portal accepts each 30-second step once per account (and one step either side of its clock),
// and the journeys sign the same demo staff member in many times a minute. So this keeps, per
// account, the last step it handed out (in the run folder: it outlives a restarted worker), and
// gives the next unused step: the current one, else the next one (within the portal's window),
// else it waits until that step is close enough. The rule is never bent for tests.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Secret, TOTP } from "otpauth";
import { e2eRun } from "./run";

const PERIOD_MS = 30_000;

function ledgerFile(): string {
  return path.join(e2eRun().runDir, "totp-last-steps.json");
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
  const ledger = readLedger();
  const nowStep = Math.floor(Date.now() / PERIOD_MS);
  const step = Math.max(nowStep, (ledger[account] ?? 0) + 1);
  // The portal takes at most one step ahead of its clock: wait until the step is no more than that.
  // A little margin past the boundary, so the request does not land just before it.
  const readyAt = (step - 1) * PERIOD_MS + 1_000;
  if (Date.now() < readyAt) await new Promise((r) => setTimeout(r, readyAt - Date.now()));
  writeFileSync(ledgerFile(), JSON.stringify({ ...readLedger(), [account]: step }));
  return totpCodeAt(secret, step);
}

/** Marks the steps a journey used by itself (entering a code through the pages) so the helper does not reuse them. */
export function noteTotpStepUsed(account: string, step: number): void {
  const ledger = readLedger();
  writeFileSync(ledgerFile(), JSON.stringify({ ...ledger, [account]: Math.max(step, ledger[account] ?? 0) }));
}

/** A fresh secret for a staff account a journey seeds (passed to the seed as totpSecret). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}
