import { hash, verify } from "@node-rs/argon2";

/**
 * argon2id (the package's default algorithm) at the OWASP baseline: 19 MiB, 2 passes, 1 lane.
 * Memory-hard so that a stolen table is expensive to crack on GPUs.
 */
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase, short enough that hashing cannot be used to burn CPU. */
export const PASSWORD_MAX_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash must not become a way in, nor a crash.
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the same time as a real check when there is no account, so response time does not
 * tell whether an address is registered.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy-password-for-timing-equalisation");
  await verifyPassword(await dummyHash, password);
  return false;
}

export type PasswordRule = "min-length" | "max-length" | "same-as-email";

/** The policy in one place; forms show the rule the server names. */
export function passwordPolicyViolation(password: string, email: string): PasswordRule | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return "min-length";
  if (password.length > PASSWORD_MAX_LENGTH) return "max-length";
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  const local = e.split("@")[0] ?? "";
  if (p === e || (local.length > 0 && p === local)) return "same-as-email";
  return null;
}
