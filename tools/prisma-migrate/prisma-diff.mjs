// Runs Prisma 6.19's `migrate diff` offline from this tools package, installing the package
// first when needed. Used by new-migration.mjs, check-drift.mjs and the drift test.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const toolDir = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(toolDir, "..", "..");
export const schemaPath = path.join(repoRoot, "prisma", "schema.prisma");
export const migrationsDir = path.join(repoRoot, "prisma", "migrations");
const cli = path.join(toolDir, "node_modules", "prisma", "build", "index.js");

/** Installs the tool's own dependencies (prisma 6.19 + PGlite) when they are missing. */
export function ensureInstalled({ quiet = false } = {}) {
  if (existsSync(cli) && existsSync(path.join(toolDir, "node_modules", "pglite-prisma-adapter"))) return;
  if (!quiet) console.error("prisma-migrate: installing the tool package (npm install --prefix tools/prisma-migrate)...");
  // Engine download scripts are skipped: the WebAssembly schema engine ships inside the package.
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["install", "--prefix", toolDir, "--ignore-scripts", "--no-audit", "--no-fund"], {
    cwd: toolDir,
    stdio: quiet ? "pipe" : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0 || !existsSync(cli)) {
    throw new Error(`could not install tools/prisma-migrate: ${result.stderr || result.error?.message || `exit ${result.status}`}`);
  }
}

/**
 * Prisma 6 insists on a `url` in the datasource block (7 rejects it), so diffs run on a
 * temporary copy of the schema that has one; it is never used to connect.
 */
export function withUrl(schemaFile, tmpDir) {
  const text = readFileSync(schemaFile, "utf8");
  const patched = text.replace(/datasource\s+\w+\s*\{/, (open) => `${open}\n  url = "postgresql://offline.invalid/unused"`);
  if (patched === text) throw new Error(`${schemaFile}: no datasource block found`);
  const file = path.join(tmpDir, path.basename(schemaFile));
  writeFileSync(file, patched);
  return file;
}

/** Runs `prisma migrate diff <args> --script`; resolves to the SQL (never touches a server). */
export async function migrateDiff(args) {
  ensureInstalled();
  const env = {
    ...process.env,
    // Both must name an existing file or Prisma 6 tries to download native engines it then does
    // not use (the config selects the WebAssembly engine).
    PRISMA_QUERY_ENGINE_LIBRARY: path.join(toolDir, "package.json"),
    PRISMA_SCHEMA_ENGINE_BINARY: path.join(toolDir, "package.json"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  delete env.DATABASE_URL;
  const child = spawn(
    process.execPath,
    [cli, "migrate", "diff", "--config", path.join(toolDir, "prisma.config.mjs"), ...args, "--script"],
    { cwd: toolDir, env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
  const code = await new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) throw new Error(`prisma migrate diff failed (exit ${code}):\n${stderr}\n${stdout}`);
  return normalise(stdout);
}

/** Diff from what prisma/migrations build (replayed on an in-memory shadow PGlite) to a schema. */
export async function diffMigrationsTo(schemaFile = schemaPath, migrations = migrationsDir) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "prisma-migrate-"));
  try {
    return await migrateDiff(["--from-migrations", migrations, "--to-schema-datamodel", withUrl(schemaFile, tmp)]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** SQL that builds the schema from nothing (used by the drift test's catalog comparison). */
export async function diffEmptyTo(schemaFile = schemaPath) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "prisma-migrate-"));
  try {
    return await migrateDiff(["--from-empty", "--to-schema-datamodel", withUrl(schemaFile, tmp)]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** True when the diff SQL contains no statement. */
export function isEmptyDiff(sql) {
  return sql.split("\n").every((line) => line.trim() === "" || line.trim().startsWith("--"));
}

// With a driver adapter Prisma 6 adds `CREATE SCHEMA IF NOT EXISTS "public"`; it needs the
// CREATE privilege on the database even when the schema exists, so it is dropped.
function normalise(sql) {
  return sql.replace(/-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n?/g, "").replace(/^\n+/, "");
}
