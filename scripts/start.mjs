// `npm start`: makes sure the Prisma client and the production build are current, then serves the
// portal with `next start`. Without DATABASE_URL the portal runs on the embedded PGlite in DATA_DIR.
//
//   node scripts/start.mjs               prepare (generate, build when needed) and serve
//   node scripts/start.mjs --build-only  prepare only (used by the test command)
//
// Environment: PORT (3000), HOST (127.0.0.1; 0.0.0.0 to serve other machines), DATABASE_URL, DATA_DIR,
// AUTH_SECRET, SMTP_URL. The app itself applies migrations and prints the demo logins on start.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
// NEXT_DIST_DIR (read by next.config.ts too) lets parallel runs keep separate builds.
const distDir = process.env.NEXT_DIST_DIR || ".next";
const buildStampFile = path.join(root, distDir, "portal-build-stamp");
const generateStampFile = path.join(root, "node_modules", ".cache", "portal-start", "prisma-schema.sha256");
const schemaFile = path.join(root, "prisma", "schema.prisma");
const generatedDir = path.join(root, "src", "generated", "prisma");

// What the production build depends on. Tests, e2e specs, scripts and docs are left out on purpose:
// changing them must not force a rebuild.
const BUILD_INPUT_DIRS = ["src", "public", "prisma", "messages"];
const BUILD_INPUT_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
];
const SKIPPED_DIRS = new Set(["node_modules", ".next", distDir, ".data", path.join("src", "generated")]);

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

function log(message) {
  console.log(`[start] ${message}`);
}

function listFiles(relativeDir, out) {
  const absolute = path.join(root, relativeDir);
  if (!existsSync(absolute)) return;
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const relative = path.join(relativeDir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(relative) && !SKIPPED_DIRS.has(entry.name)) listFiles(relative, out);
    } else if (entry.isFile()) {
      out.push(relative);
    }
  }
}

// A hash of the build inputs' names and contents: unlike modification times it survives a fresh clone.
function sourceHash() {
  const files = [];
  for (const dir of BUILD_INPUT_DIRS) listFiles(dir, files);
  for (const file of BUILD_INPUT_FILES) if (existsSync(path.join(root, file))) files.push(file);
  files.sort();
  const hash = createHash("sha256");
  // A browser-test build (test clock control) must never be taken for a production one.
  hash.update(`PORTAL_E2E_BUILD=${process.env.PORTAL_E2E_BUILD === "1" ? "1" : "0"}\0`);
  for (const file of files) {
    hash.update(file.split(path.sep).join("/"));
    hash.update("\0");
    hash.update(readFileSync(path.join(root, file)));
    hash.update("\0");
  }
  return hash.digest("hex");
}

function readText(file) {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(" ")} failed (exit ${result.status ?? result.signal})`);
  }
}

function ensurePrismaClient() {
  if (!existsSync(schemaFile)) return;
  const schemaHash = createHash("sha256").update(readFileSync(schemaFile)).digest("hex");
  if (existsSync(generatedDir) && readText(generateStampFile) === schemaHash) return;
  const scripts = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts ?? {};
  if (!scripts["db:generate"]) {
    log("no db:generate script; skipping Prisma client generation");
    return;
  }
  log("generating the Prisma client");
  run("npm", ["run", "--silent", "db:generate"]);
  mkdirSync(path.dirname(generateStampFile), { recursive: true });
  writeFileSync(generateStampFile, `${schemaHash}\n`);
}

function ensureBuild() {
  const hash = sourceHash();
  const built = existsSync(path.join(root, distDir, "BUILD_ID")) && readText(buildStampFile) === hash;
  if (built) {
    log("production build is up to date");
    return;
  }
  log("building the portal (next build); this takes a few minutes the first time");
  rmSync(buildStampFile, { force: true });
  run(process.execPath, [nextBin, "build"]);
  writeFileSync(buildStampFile, `${hash}\n`);
}

async function waitUntilServing(port, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(5_000) });
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  return false;
}

// V8's young generation for the server process, per semi-space (Node 20's default is 16 MB). Every
// request allocates short-lived objects (Node's request and response, headers, the answer); a
// larger nursery means fewer scavenges, each walking the same roots of a heap of several hundred MB.
// It is a ceiling: V8 grows the nursery towards it only while scavenges find it worth it. Measured on
// /pki/ocsp POST (issue 16; two held portals, pinned, interleaved 3 s pairs, server CPU per request):
// 16 MB 45.3 -> 64 MB 40.3 us (8 of 8 pairs), 32 vs 64 MB 44.9 -> 41.9 (6 of 6), 64 vs 128 MB 44.7 ->
// 38.1 (6 of 6). Resident memory after those runs did not follow the flag (32 MB 760 MB, 64 MB 797
// and 870 MB, 128 MB 654 MB): processes differ more than the nursery moves them. Up to 3 x 128 MB
// can be reserved for it. NODE_OPTIONS that already set it win (e.g. =16 on a host short of memory).
const SEMI_SPACE_FLAG = "--max-semi-space-size";
const SEMI_SPACE_MB = 128;
// V8 takes its flags with dashes or underscores alike (--max_semi_space_size=16).
const SEMI_SPACE_SET = /--max[-_]semi[-_]space[-_]size\b/;

/** The V8 flags the server process starts with, unless NODE_OPTIONS says otherwise. */
function serverV8Flags(nodeOptions = process.env.NODE_OPTIONS ?? "") {
  return SEMI_SPACE_SET.test(nodeOptions) ? [] : [`${SEMI_SPACE_FLAG}=${SEMI_SPACE_MB}`];
}

function serve() {
  const port = process.env.PORT || "3000";
  const host = process.env.HOST || "127.0.0.1";
  const child = spawn(
    process.execPath,
    // page-cache.cjs: the most-read pages answered again until their data changes (src/server/page-cache).
    // client-address.cjs: the socket's address in a header Next's handlers can read (request-meta.ts).
    // pki-fast-path.cjs, last and so outermost: /pki/* answered by src/server/pki-server before any
    // other preload or Next's router (see the file).
    [...serverV8Flags(), "--require", path.join(root, "scripts", "parent-guard.cjs"), "--require", path.join(root, "scripts", "page-cache.cjs"), "--require", path.join(root, "scripts", "client-address.cjs"), "--require", path.join(root, "scripts", "pki-fast-path.cjs"), nextBin, "start", "--port", port, "--hostname", host],
    {
      cwd: root,
      // Next's own signal handler exits as soon as HTTP is closed, racing the database close; without it
      // the database module closes PGlite (a checkpoint) and then re-raises the signal to end the process.
      env: { ...env, NODE_ENV: "production", NEXT_MANUAL_SIG_HANDLE: "1" },
      // Its own process group: signals reach it only through us, once (see parent-guard.cjs).
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  log(`server pid ${child.pid}`);

  // Forward stop signals once so that the server closes the embedded database cleanly; a second signal
  // (or a server that does not stop) ends it hard.
  let stopping = false;
  const stop = (signal) => {
    if (child.exitCode !== null) return;
    if (stopping) {
      child.kill("SIGKILL");
      return;
    }
    stopping = true;
    child.kill(signal);
    setTimeout(() => child.exitCode === null && child.kill("SIGKILL"), 20_000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGHUP", () => stop("SIGTERM"));

  child.on("exit", (code, signal) => {
    if (signal && !stopping) log(`server ended by ${signal}`);
    process.exit(code ?? (stopping ? 0 : 1));
  });

  void waitUntilServing(port, child).then((ok) => {
    if (ok) log(`portal ready: http://localhost:${port}`);
  });
}

try {
  ensurePrismaClient();
  ensureBuild();
  if (process.argv.includes("--build-only")) process.exit(0);
  serve();
} catch (error) {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
