#!/usr/bin/env node
// Runs `prisma generate` offline. Prisma 7 wants a schema engine binary even though generate
// never runs it, and tries to download one when PRISMA_SCHEMA_ENGINE_BINARY is unset; any
// existing file satisfies the check, so point it at this script unless the caller set one.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = fileURLToPath(import.meta.url);
}

let cli;
try {
  cli = createRequire(path.join(root, "package.json")).resolve("prisma/build/index.js");
} catch {
  // Production installs without devDependencies: the committed-out client cannot be rebuilt,
  // but that must not fail `npm ci --omit=dev`.
  console.warn("prisma-generate: the prisma CLI is not installed; skipping client generation");
  process.exit(0);
}

const result = spawnSync(process.execPath, [cli, "generate", "--schema", "prisma/schema.prisma", ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
