// `npm run multi-instance`: several portal instances (and the standalone PKI responder, when the
// project has one) on ONE PostgreSQL, on loopback ports, as a deployment behind a load balancer
// runs them; prints their URLs and stops them all on Ctrl-C.
//
//   DATABASE_URL=postgresql://... npm run multi-instance -- [--instances N] [--port FIRST]
//
// Instance i listens on FIRST+i (default 3371, 3372, ...), the responder on the port after the last.
// All share DATABASE_URL, AUTH_SECRET, CA_KEY_PASSPHRASE, DOCUMENT_ENCRYPTION_KEY and DATA_DIR (the
// CA key files live there); secrets not given in the environment are generated once into
// DATA_DIR/multi-instance.json (0600) so that a second run on the same database opens the same CA.
// CA_CREATE_HIERARCHY=1: the first start creates the CA hierarchy (under an advisory lock, so
// instances may start together). The production build (NEXT_DIST_DIR, default .next) is made once
// before the instances start. The e2e spec e2e/multi-instance.spec.ts uses startInstances().
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The secrets every instance must share, from the environment or generated once into dataDir. */
function sharedSecrets(dataDir, env) {
  const file = path.join(dataDir, "multi-instance.json");
  const stored = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  const secrets = {
    AUTH_SECRET: env.AUTH_SECRET || stored.AUTH_SECRET || randomBytes(48).toString("base64"),
    CA_KEY_PASSPHRASE: env.CA_KEY_PASSPHRASE || stored.CA_KEY_PASSPHRASE || randomBytes(24).toString("base64url"),
    DOCUMENT_ENCRYPTION_KEY: env.DOCUMENT_ENCRYPTION_KEY || stored.DOCUMENT_ENCRYPTION_KEY || randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2) + "\n", { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

async function waitFor(url, child, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it answered ${url}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${what} did not answer ${url} within ${timeoutMs / 1000} s`);
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    // Its own process group (detached): the signal reaches start.mjs and the server under it.
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      child.kill("SIGTERM");
    }
    setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, 20_000).unref();
  });
}

/**
 * Starts `count` portal instances (node scripts/start.mjs, PORT = firstPort + i) and, when
 * scripts/responder.ts exists, one responder on the next port, all on databaseUrl; resolves once
 * every one answers its health check. options.env is added to every process's environment;
 * options.output(name, chunk) receives their output (default: prefixed to this process's).
 */
export async function startInstances({ databaseUrl, count = 2, firstPort = 3371, dataDir, distDir = process.env.NEXT_DIST_DIR || ".next", env = {}, responder = true, output, timeoutMs = 240_000 }) {
  if (!databaseUrl) throw new Error("DATABASE_URL is required: several instances share one PostgreSQL (the embedded database is one process's)");
  if (process.env.PORTAL_E2E_BUILD === "1" || env.PORTAL_E2E_BUILD === "1") throw new Error("a browser-test build (PORTAL_E2E_BUILD=1) refuses a real database: run without it");
  const dir = path.resolve(root, dataDir ?? path.join(".data", "multi-instance"));
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const base = {
    ...process.env,
    ...sharedSecrets(dir, { ...process.env, ...env }),
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: distDir,
    DATABASE_URL: databaseUrl,
    DATA_DIR: dir,
    CA_CREATE_HIERARCHY: "1",
    HOST: "127.0.0.1",
    ...env,
  };
  delete base.PORTAL_E2E_BUILD;
  const write = output ?? ((name, chunk) => process.stdout.write(String(chunk).replace(/^(?=.)/gm, `[${name}] `)));

  // Build once, before N start.mjs processes each find the build missing and build side by side.
  const built = spawnSync(process.execPath, [path.join(root, "scripts", "start.mjs"), "--build-only"], { cwd: root, env: base, stdio: ["ignore", "pipe", "pipe"] });
  write("build", built.stdout ?? "");
  if (built.status !== 0) throw new Error(`the production build failed:\n${built.stderr}`);

  const processes = [];
  const launch = (name, args, port, healthPath) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...base, PORT: String(port) }, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (c) => write(name, c));
    child.stderr.on("data", (c) => write(name, c));
    const url = `http://localhost:${port}`;
    processes.push({ name, url, child });
    return waitFor(`http://127.0.0.1:${port}${healthPath}`, child, name, timeoutMs).then(() => ({ name, url }));
  };
  const stop = () => Promise.all(processes.map((p) => stopChild(p.child))).then(() => undefined);
  try {
    // The first instance alone, then the others together: start.mjs rebuilds when the sources
    // changed since the build above (someone editing meanwhile), and two builds into one folder
    // refuse each other. With unchanged sources (CI) this costs one instance's start-up.
    const first = await launch("portal-A", [path.join(root, "scripts", "start.mjs")], firstPort, "/api/health");
    const starting = [Promise.resolve(first)];
    for (let i = 1; i < count; i++) starting.push(launch(`portal-${String.fromCharCode(65 + i)}`, [path.join(root, "scripts", "start.mjs")], firstPort + i, "/api/health"));
    const hasResponder = responder && existsSync(path.join(root, "scripts", "responder.ts"));
    if (hasResponder) {
      starting.push(launch("responder", [path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(root, "scripts", "responder.ts")], firstPort + count, "/pki/health"));
    }
    const started = await Promise.all(starting);
    return {
      instances: started.filter((s) => s.name !== "responder"),
      responder: started.find((s) => s.name === "responder"),
      dataDir: dir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function argValue(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const count = Number(argValue("--instances", "2"));
  const firstPort = Number(argValue("--port", "3371"));
  if (!Number.isInteger(count) || count < 1 || count > 9 || !Number.isInteger(firstPort) || firstPort < 1 || firstPort + count > 65535) {
    console.error("usage: DATABASE_URL=postgresql://... npm run multi-instance -- [--instances 1..9] [--port FIRST]");
    process.exit(2);
  }
  try {
    const running = await startInstances({ databaseUrl: process.env.DATABASE_URL, count, firstPort, dataDir: process.env.DATA_DIR });
    const lines = ["", `  ${count} portal instance(s) on one PostgreSQL (DATA_DIR ${running.dataDir}):`];
    for (const i of running.instances) lines.push(`    ${i.name}  ${i.url}`);
    if (running.responder) lines.push(`    responder  ${running.responder.url}/pki/ocsp`);
    lines.push("  Ctrl-C stops them all.", "");
    console.log(lines.join("\n"));
    let stopping = false;
    const onSignal = () => {
      if (stopping) return;
      stopping = true;
      console.log("[multi-instance] stopping");
      void running.stop().then(() => process.exit(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  } catch (error) {
    console.error(`[multi-instance] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
