import { createHash, randomInt } from "node:crypto";

/** How many recovery codes an account gets at a time (each usable once). */
export const RECOVERY_CODE_COUNT = 10;

// No 0/o, 1/l/i: the codes are read off paper.
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
const GROUPS = 3;
const GROUP_LENGTH = 4;

/** Ten fresh codes like "k7mp-3qxa-vn2e" (12 characters of 31: about 59 bits each). */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () =>
    Array.from({ length: GROUPS }, () => Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join("")).join("-"),
  );
}

/** Case, spaces and dashes do not matter; null when it cannot be a recovery code at all. */
export function normaliseRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]+/g, "");
  return s.length === GROUPS * GROUP_LENGTH && [...s].every((c) => ALPHABET.includes(c)) ? s : null;
}

/**
 * What is stored: SHA-256 of the normalised code. The codes are random with ~59 bits each and
 * guessing is rate-limited like passwords, so a fast hash is enough (the same choice as the
 * mailed link tokens).
 */
export function hashRecoveryCode(normalised: string): string {
  return createHash("sha256").update(`recovery-code:${normalised}`, "utf8").digest("hex");
}
