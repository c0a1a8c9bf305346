import { randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensurePrivateDir } from "@/config/private-dir";
import { settings } from "@/config/settings";

let cached: Promise<string> | null = null;

/**
 * AUTH_SECRET signs the session cookies. When it is set, it is used. On the embedded default
 * (no DATABASE_URL) one is generated on first start and kept in the data folder with 0600
 * permissions, so sessions survive restarts without any setup. With a real database (a
 * deployment) a missing secret is a configuration error: several instances must share it.
 */
export function authSecret(): Promise<string> {
  cached ??= resolveSecret();
  return cached;
}

async function resolveSecret(): Promise<string> {
  const { authSecret: fromEnv, databaseUrl, dataDir } = settings();
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  if (fromEnv) throw new Error("AUTH_SECRET must be at least 32 characters long");
  if (databaseUrl) {
    throw new Error("AUTH_SECRET is required when DATABASE_URL is set (generate one with: openssl rand -base64 48)");
  }
  const file = path.join(dataDir, "auth-secret");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await ensurePrivateDir(path.dirname(file));
  const secret = randomBytes(48).toString("base64url");
  // "wx": if two processes race on first start, the loser re-reads the winner's secret.
  try {
    await writeFile(file, secret + "\n", { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600);
    return secret;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return (await readFile(file, "utf8")).trim();
  }
}
