import { createHash, randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { ensurePrivateDir } from "@/config/private-dir";
import { settings, type Settings } from "@/config/settings";

/** The keys documents are encrypted with: new documents use `current`, old ones any key by id. */
export interface DocumentKeyRing {
  current: { id: string; key: Buffer };
  byId: ReadonlyMap<string, Buffer>;
}

/** A key's id is derived from the key itself, so the same key always gets the same id. */
export function documentKeyId(key: Buffer): string {
  return "k1-" + createHash("sha256").update("document-key-id\0").update(key).digest("hex").slice(0, 16);
}

export function parseDocumentKey(base64: string, name = "DOCUMENT_ENCRYPTION_KEY"): Buffer {
  const key = Buffer.from(base64.trim(), "base64");
  if (key.length !== 32) throw new Error(`${name} must be 32 bytes, base64-encoded (generate one with: openssl rand -base64 32)`);
  return key;
}

/** Builds a ring from the current key and earlier keys still needed to read older documents. */
export function makeDocumentKeyRing(current: Buffer, previous: readonly Buffer[] = []): DocumentKeyRing {
  const byId = new Map<string, Buffer>();
  for (const k of [...previous, current]) byId.set(documentKeyId(k), k);
  return { current: { id: documentKeyId(current), key: current }, byId };
}

let override: DocumentKeyRing | null = null;
let cached: Promise<DocumentKeyRing> | null = null;

/**
 * DOCUMENT_ENCRYPTION_KEY (base64, 32 bytes) encrypts new documents; DOCUMENT_ENCRYPTION_KEYS_PREVIOUS
 * (comma-separated) keeps older keys readable after a rotation. On the embedded default a key is
 * generated on first use into the data folder (0600), like the auth secret; with a real database
 * a missing key is a configuration error, because every instance must hold the same key.
 */
export function documentKeyRing(): Promise<DocumentKeyRing> {
  if (override) return Promise.resolve(override);
  cached ??= resolveKeyRing(settings()).catch((e: unknown) => {
    cached = null;
    throw e;
  });
  return cached;
}

/** Tests and tools install a ring explicitly; `null` returns to the configured one. */
export function setDocumentKeyRing(ring: DocumentKeyRing | null): void {
  override = ring;
  cached = null;
}

async function resolveKeyRing(config: Settings): Promise<DocumentKeyRing> {
  const { encryptionKey, previousKeys } = config.documents;
  const previous = (previousKeys ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => parseDocumentKey(s, "DOCUMENT_ENCRYPTION_KEYS_PREVIOUS"));
  if (encryptionKey) return makeDocumentKeyRing(parseDocumentKey(encryptionKey), previous);
  if (!config.embeddedDefault) {
    throw new Error("DOCUMENT_ENCRYPTION_KEY is required when DATABASE_URL is set (generate one with: openssl rand -base64 32)");
  }
  return makeDocumentKeyRing(await embeddedKey(config.dataDir), previous);
}

async function embeddedKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, "document-key");
  try {
    return parseDocumentKey(await readFile(file, "utf8"), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
  }
  await ensurePrivateDir(path.dirname(file));
  const key = randomBytes(32);
  // "wx": two processes starting together must end up with one key, the first one written.
  try {
    await writeFile(file, key.toString("base64") + "\n", { mode: 0o600, flag: "wx" });
    await chmod(file, 0o600);
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    return parseDocumentKey(await readFile(file, "utf8"), file);
  }
}
