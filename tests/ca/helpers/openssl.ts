// Runs the openssl CLI as the judge of what the engine produces.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface OpensslResult {
  status: number;
  stdout: string;
  stderr: string;
}

export function openssl(args: string[], input?: Uint8Array | string): OpensslResult {
  const r = spawnSync("openssl", args, { input: typeof input === "string" ? Buffer.from(input) : input, timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status ?? -1, stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
}

export function opensslOk(args: string[], input?: Uint8Array | string): string {
  return execFileSync("openssl", args, { input, timeout: 30_000, maxBuffer: 256 * 1024 * 1024 }).toString("utf8");
}

export class TempDir {
  readonly dir = mkdtempSync(path.join(tmpdir(), "ca-test-"));
  file(name: string, content?: string | Uint8Array): string {
    const p = path.join(this.dir, name);
    if (content !== undefined) writeFileSync(p, content);
    return p;
  }
  cleanup(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
