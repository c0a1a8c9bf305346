import { Secret, TOTP } from "otpauth";

/**
 * TOTP as RFC 6238 and every authenticator app expect it: HMAC-SHA-1, 6 digits, 30-second steps.
 * A code is accepted for the current step and one step either side (clock drift); which step it
 * matched is returned so the caller can refuse that step and every earlier one next time (a code
 * is used once, per account).
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW = 1;
export const TOTP_ISSUER = "Subscriber Portal";

/** A new secret: 160 random bits (RFC 4226's recommended length), base32 as apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secretBase32: string, label = "account"): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, algorithm: "SHA1", digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, secret: Secret.fromBase32(secretBase32) });
}

/** The step (unix time / 30, floored) an instant falls in. */
export function totpStep(at: Date): number {
  return Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The code for an instant (demo accounts, tests and the e2e helpers use it; the server only checks). */
export function totpCode(secretBase32: string, at: Date): string {
  return totp(secretBase32).generate({ timestamp: at.getTime() });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totp(secretBase32, accountLabel).toString();
}

/** Six digits, spaces allowed ("123 456"); anything else is not a TOTP code. */
export function normaliseTotpCode(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/** The step the code belongs to, within one step of `at`, or null when it matches none. */
export function matchTotpStep(secretBase32: string, code: string, at: Date): number | null {
  const normalised = normaliseTotpCode(code);
  if (!normalised) return null;
  const delta = totp(secretBase32).validate({ token: normalised, timestamp: at.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : totpStep(at) + delta;
}
