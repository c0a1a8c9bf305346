// Vitest globalSetup of the integration projects: the TypeScript entry points that tests start as
// child processes (the operator CLI, audit:verify, the crash test's portal worker) are bundled once
// per run with esbuild, so each child is `node <bundle>.mjs` instead of `node --import tsx <file>.ts`,
// which loads tsx and resolves and transforms the whole import graph again in every process
// (~1.5 s of CPU per start on CI's machine; the CLI test starts ~30, the crash test ~15). Measured alone,
// bundles vs tsx (user+sys CPU, shared 2-core machine): ca-cli PGlite 102 vs 137 s; crash-safety PGlite
// 114 vs 141 s; both files on PostgreSQL 95 vs 157 s CPU, 94 vs 158 s wall. Building takes ~1 s.
// The bundle is the same source with the same arguments in a real separate process: only
// project code is bundled (src/, scripts/, tests/); packages stay imports resolved from
// node_modules at run time, as under tsx. That is why the folder is inside node_modules/.cache:
// Node resolves a bare import by walking up from the importing file.
// If the build fails, or CLI_FROM_SOURCES=1, tests run the sources through tsx (tests/setup/node-command.ts);
// that is also the way to get a child's stack traces in source lines (the bundle has no source map: parsing
// one at every start would give back part of what bundling saves).
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Entry (path from the repository root) -> its bundle's absolute path; empty: run the sources with tsx. */
    cliBundles: Record<string, string>;
  }
}

/** What integration tests spawn; a new one only needs adding here (an entry not listed runs through tsx). */
export const CLI_ENTRIES = ["scripts/ca-cli.ts", "scripts/audit-verify.ts", "tests/integration/crash/portal-worker.ts"];

const root = path.resolve(__dirname, "..", "..");

export default async function setup(project: TestProject): Promise<() => void> {
  project.provide("cliBundles", {});
  if (process.env.CLI_FROM_SOURCES === "1") {
    console.log("[cli-bundles] CLI_FROM_SOURCES=1: child processes run the sources with tsx");
    return () => undefined;
  }
  const cache = path.join(root, "node_modules", ".cache");
  mkdirSync(cache, { recursive: true });
  const outdir = mkdtempSync(path.join(cache, "cli-bundles-"));
  const cleanup = () => rmSync(outdir, { recursive: true, force: true });
  try {
    const began = Date.now();
    project.provide("cliBundles", await bundle(outdir));
    console.log(`[cli-bundles] ${CLI_ENTRIES.length} entry points bundled in ${Date.now() - began} ms (${project.name})`);
  } catch (error) {
    cleanup();
    console.log(`[cli-bundles] bundling failed, child processes run the sources with tsx: ${error instanceof Error ? error.message : String(error)}`);
    return () => undefined;
  }
  return cleanup;
}

async function bundle(outdir: string): Promise<Record<string, string>> {
  // esbuild comes with tsx and vitest (vite); imported here only, so a missing one falls back to tsx.
  const { build } = await import("esbuild");
  const names = CLI_ENTRIES.map((entry) => path.basename(entry, ".ts"));
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(CLI_ENTRIES.map((entry, i) => [names[i], entry])),
    bundle: true,
    // Shared modules once, in chunks, as a module graph (top-level await needs ESM).
    splitting: true,
    format: "esm",
    platform: "node",
    target: `node${process.versions.node.split(".")[0]}`,
    outdir,
    outExtension: { ".js": ".mjs" },
    alias: { "@": "./src" },
    logLevel: "silent",
    plugins: [
      {
        name: "packages-stay-imports",
        setup(b) {
          // Bare specifiers stay imports, except JSON data: Node 20 refuses a JSON import without
          // `with { type: "json" }`, which tsx adds and a plain import from a bundle lacks.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            args.path.startsWith("@/") || args.path.endsWith(".json") ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return Object.fromEntries(CLI_ENTRIES.map((entry, i) => [entry, path.join(outdir, `${names[i]}.mjs`)]));
}
