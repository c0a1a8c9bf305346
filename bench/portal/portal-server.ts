// The portal as `npm start` serves it (scripts/start.mjs, never a stand-in), on a fresh data folder:
// the production build made or reused, the CA created and one certificate issued through the
// project's own CLI BEFORE the server starts (the embedded database takes one process at a time).
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { caConfigFromEnv, caKeyDir, resolveCaPassphrase } from "../../src/server/ca-service/ca-config";
import { makeEcCsr } from "../bench-lib";
import { startChild, stopChild, waitForHttp } from "./processes";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export type PortalEnv = NodeJS.ProcessEnv;

/** The environment of the CLI and the server: the caller's, with the bench's data folder, port and addresses. */
export function portalEnv(dataDir: string, port: number): PortalEnv {
  const base = `http://127.0.0.1:${port}`;
  return {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PORTAL_URL: base,
    AUTH_URL: base,
    PKI_BASE_URL: base,
    NEXT_TELEMETRY_DISABLED: "1",
    // The build `npm start` would use unless told otherwise (parallel runs keep their own).
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next",
  };
}

function runCli(args: string[], env: PortalEnv): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "ca-cli.ts"), ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`npm run ca -- ${args[0]} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return `${r.stdout}\n${r.stderr}`;
}

export type PreparedCa = {
  serialHex: string;
  issuerName: string;
  certPem: string;
  chainPem: string;
  certsDir: string;
  keysDir: string;
  passphrase: string;
};

/** `npm run ca -- init` and `npm run ca -- issue` on the bench's data folder (database and CA keys as the portal opens them). */
export async function prepareCa(env: PortalEnv, work: string): Promise<PreparedCa> {
  const certsDir = path.join(work, "ca-certs");
  runCli(["init", "--out", certsDir, ...(env.DATABASE_URL ? ["--yes"] : [])], env);
  const csr = path.join(work, "bench.csr.der");
  const subject = path.join(work, "subject.json");
  writeFileSync(csr, makeEcCsr("bench"));
  writeFileSync(subject, JSON.stringify({ country: "CN", fullName: "压测用户" }));
  const certPem = path.join(work, "bench-cert.pem");
  const chainPem = path.join(work, "bench-chain.pem");
  const out = runCli(
    ["issue", "--csr", csr, "--profile", "individual-signing", "--subject", subject, "--scope-kind", "平台", "--scope-name", "压测", "--out", certPem, "--chain-out", chainPem],
    env,
  );
  const m = /issued ([0-9a-f]+) by (\S+)/i.exec(out);
  if (!m) throw new Error(`could not read the issued serial from: ${out}`);
  const config = caConfigFromEnv(env);
  return { serialHex: m[1]!.toLowerCase(), issuerName: m[2]!, certPem, chainPem, certsDir, keysDir: caKeyDir(config), passphrase: await resolveCaPassphrase(config) };
}

export type RunningPortal = { base: string; rebuilt: boolean; startSeconds: number; stop: () => Promise<void>; log: () => string };

/**
 * `node scripts/start.mjs` (the path `npm start` takes), ready when /api/health answers. It builds first
 * when the sources changed since the build in NEXT_DIST_DIR (minutes on a loaded machine), else reuses it.
 * (No separate --build-only step: with others editing the sources, start.mjs would only build again.)
 */
export async function startPortal(env: PortalEnv): Promise<RunningPortal> {
  const t0 = performance.now();
  const { child, log } = startChild(process.execPath, [path.join(ROOT, "scripts", "start.mjs")], { cwd: ROOT, env }, "portal");
  let rebuilt = false;
  child.stdout?.on("data", (d: Buffer) => {
    if (!rebuilt && d.toString().includes("building the portal")) {
      rebuilt = true;
      console.error("[bench] scripts/start.mjs is building the portal (the sources changed since the last build)");
    }
  });
  const base = `http://127.0.0.1:${env.PORT}`;
  if (!(await waitForHttp(`${base}/api/health`, child, 30 * 60_000))) {
    await stopChild(child);
    throw new Error(`the portal did not start:\n${log()}`);
  }
  return { base, rebuilt, startSeconds: (performance.now() - t0) / 1000, stop: () => stopChild(child, 25_000), log };
}
