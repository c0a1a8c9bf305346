// A lock file shared by the Playwright workers of one run (they are separate processes): whoever
// creates it exclusively holds it; the others wait. A lock older than its stale age was left by a
// worker that died mid-way, and is taken over.
import { closeSync, openSync, rmSync, statSync } from "node:fs";

const pause = new Int32Array(new SharedArrayBuffer(4));

function tryCreate(lockFile: string): boolean {
  try {
    closeSync(openSync(lockFile, "wx"));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

/** True when the lock was taken (or found stale and removed, so the next try may take it). */
function takeOrClearStale(lockFile: string, staleMs: number): boolean {
  if (tryCreate(lockFile)) return true;
  try {
    if (Date.now() - statSync(lockFile).mtimeMs > staleMs) rmSync(lockFile, { force: true });
  } catch {
    // Released meanwhile: the next try takes it.
  }
  return false;
}

/** Runs `work` holding `lockFile`, synchronously (for a few quick file reads and writes). */
export function withFileLock<T>(lockFile: string, work: () => T, staleMs = 10_000): T {
  const deadline = Date.now() + 3 * staleMs;
  while (!takeOrClearStale(lockFile, staleMs)) {
    if (Date.now() > deadline) throw new Error(`the lock ${lockFile} was not released within ${3 * staleMs} ms`);
    Atomics.wait(pause, 0, 0, 20);
  }
  try {
    return work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** Runs `work` holding `lockFile` across its awaits (e.g. a whole sign-in that must not interleave another worker's). */
export async function withFileLockAsync<T>(lockFile: string, work: () => Promise<T>, staleMs: number): Promise<T> {
  const deadline = Date.now() + 2 * staleMs;
  while (!takeOrClearStale(lockFile, staleMs)) {
    if (Date.now() > deadline) throw new Error(`the lock ${lockFile} was not released within ${2 * staleMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  try {
    return await work();
  } finally {
    rmSync(lockFile, { force: true });
  }
}
