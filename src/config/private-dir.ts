import { chmod, mkdir } from "node:fs/promises";

/*
 * DATA_DIR holds the embedded database, the generated auth secret, the document key, the CA key
 * passphrase and key files, and the demo accounts' passwords: nobody but the portal's own user
 * may list or read it. Folders are created 0700 and secret files written 0600 (each writer passes
 * PRIVATE_FILE_MODE), whatever the umask.
 */

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates `dir` (and missing parents) with mode 0700, and tightens `dir` itself to 0700 when it
 * already exists (a folder made by an older version, or with a permissive umask). Parents that
 * already exist are left as they are: they may be shared (/srv, the project folder).
 */
export async function ensurePrivateDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await chmod(dir, PRIVATE_DIR_MODE);
}
