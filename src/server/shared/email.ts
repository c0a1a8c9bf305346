import { createHash } from "node:crypto";

/** Addresses are stored and compared lower-cased and trimmed (User.email is unique on this form). */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The key sign-in attempts are counted under: a hash, so the attempts table holds no addresses
 * (attempts for addresses that have no account are counted too, the same way).
 */
export function emailKey(email: string): string {
  return createHash("sha256").update(normaliseEmail(email), "utf8").digest("hex");
}
