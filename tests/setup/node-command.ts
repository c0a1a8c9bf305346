// The node arguments that run one of the repository's TypeScript entry points in a child process:
// its bundle from this run's globalSetup (tests/setup/cli-bundles.ts) when there is one, else the
// source through tsx. Tests pass the result to spawn/spawnSync with process.execPath.
import path from "node:path";
import { inject } from "vitest";

const root = path.resolve(__dirname, "..", "..");

/** entry: a path from the repository root or an absolute one, e.g. "scripts/ca-cli.ts". */
export function nodeArgs(entry: string, args: string[] = []): string[] {
  const relative = path.relative(root, path.resolve(root, entry));
  const bundled = inject("cliBundles")?.[relative];
  return bundled ? [bundled, ...args] : ["--import", "tsx", path.join(root, relative), ...args];
}
