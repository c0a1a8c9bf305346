import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/server/core";

/**
 * TOTP secrets at rest: AES-256-GCM under a key derived (HKDF-SHA-256) from the auth secret, the
 * account id as associated data, so a sealed secret copied onto another account does not open.
 * A database dump alone therefore yields no codes. Format: "v1.<iv>.<ciphertext>.<tag>" (base64url).
 * Rotating AUTH_SECRET makes the stored secrets unreadable: those accounts enrol again (an
 * administrator resets them), which the README says.
 */
const VERSION = "v1";

async function key(): Promise<Buffer> {
  return Buffer.from(hkdfSync("sha256", await authSecret(), Buffer.alloc(0), "portal/totp-secret/v1", 32));
}

export async function sealTotpSecret(userId: string, secretBase32: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await key(), iv);
  cipher.setAAD(Buffer.from(userId, "utf8"));
  const ct = Buffer.concat([cipher.update(secretBase32, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), ct.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

/** The secret, or null when the box does not open (another secret, another account, tampered). */
export async function openTotpSecret(userId: string, sealed: string): Promise<string | null> {
  const [version, iv, ct, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !ct || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", await key(), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(userId, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
