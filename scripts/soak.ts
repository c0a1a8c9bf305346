// `npm run soak`: a bounded, loopback-only soak of the production portal (issue 12). Not part of
// `npm test`. It starts the production portal on a fresh embedded database (or uses a running one
// given by --url), runs a steady mixed load for --minutes (default 10) at --concurrency (default 4),
// and reports errors (must be 0), p50/p99 per kind, and the portal's memory (RSS and V8 heap,
// sampled every 10 s inside the server by scripts/soak-memory-probe.mjs): the last minute's mean
// against the first minute's. Exit code 0 when there was no error and memory stayed flat, 1 otherwise,
// 2 on a usage error.
//
//   npm run soak                                  10 minutes against a portal of its own
//   npm run soak -- --minutes 3 --concurrency 6
//   npm run soak -- --url http://127.0.0.1:3000 --email subscriber@demo.test --password ... [--pid <server pid>]
//                   [--memory-dir <dir>: SOAK_MEMORY_DIR of a portal started with scripts/soak-memory-probe.mjs preloaded]
//
// Load: public pages (/, /repository, /query, /sign-in), the public certificate query, OCSP GET
// and POST, the TSA, the CRL, /api/health, and a signed-in subscriber's dashboard. A running
// portal is sampled by its RSS only (from /proc, with --pid); the V8 heap needs the probe, which
// only a portal started here has.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { bool, integer, octetString, oid, seq } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { ocspRequest, ocspStatus } from "@/testing/fixtures/ocsp-probe";

/** Flat means: the last minute's mean at most this much above the first minute's (relative and absolute slack). */
const GROWTH_RELATIVE = 0.25;
const GROWTH_ABSOLUTE_MB = 32;
const SAMPLE_MS = 10_000;

const root = path.resolve(import.meta.dirname, "..");
const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "10" },
    concurrency: { type: "string", default: "4" },
    url: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    pid: { type: "string" },
    "memory-dir": { type: "string" },
  },
});
const minutes = Number(args.minutes);
const concurrency = Number(args.concurrency);
if (!(minutes > 0 && minutes <= 240) || !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) {
  console.error("usage: npm run soak -- [--minutes 0<N<=240] [--concurrency 1..64] [--url http://127.0.0.1:PORT --email E --password P --pid PID]");
  process.exit(2);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

// ---- the portal ----------------------------------------------------------------------------

let portal: ChildProcess | undefined;
let dataDir: string | undefined;
let memoryDir: string | undefined;
/** A folder this script made (and removes), not one given by --memory-dir. */
let ownMemoryDir = false;
function stopPortal() {
  // Only the process group this script started.
  if (portal?.pid && portal.exitCode === null) {
    try {
      process.kill(-portal.pid, "SIGTERM");
    } catch {
      // gone already
    }
  }
}
process.on("exit", () => {
  stopPortal();
  for (const d of [dataDir, ownMemoryDir ? memoryDir : undefined]) if (d) rmSync(d, { recursive: true, force: true });
});
for (const s of ["SIGINT", "SIGTERM"] as const) process.on(s, () => process.exit(130));

async function startPortal(): Promise<string> {
  const port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "portal-soak-data-"));
  memoryDir = mkdtempSync(path.join(os.tmpdir(), "portal-soak-memory-"));
  ownMemoryDir = true;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    AUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    SOAK_MEMORY_DIR: memoryDir,
    SOAK_SAMPLE_MS: String(SAMPLE_MS),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(path.join(root, "scripts/soak-memory-probe.mjs")).href}`.trim(),
  };
  for (const k of ["DATABASE_URL", "PORTAL_E2E_BUILD", "SMTP_URL"]) delete env[k];
  console.log(`[soak] starting the production portal on 127.0.0.1:${port} (builds first when the build is not current)`);
  portal = spawn(process.execPath, [path.join(root, "scripts/start.mjs")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  portal.stdout!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  portal.stderr!.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-8000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20 * 60_000;
  while (Date.now() < deadline) {
    if (portal.exitCode !== null) throw new Error(`the portal exited with ${portal.exitCode}:\n${log}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) return url;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the portal did not answer /api/health within 20 minutes:\n${log}`);
}

// ---- a signed-in subscriber -----------------------------------------------------------------

function cookiesOf(r: Response, jar: Map<string, string>) {
  for (const c of r.headers.getSetCookie()) {
    const [pair] = c.split(";");
    const i = pair!.indexOf("=");
    jar.set(pair!.slice(0, i), pair!.slice(i + 1));
  }
}
const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

function subscriberLogin(): { email: string; password: string } | null {
  if (args.email && args.password) return { email: args.email, password: args.password };
  if (!dataDir) return null;
  const line = readFileSync(path.join(dataDir, "demo-accounts.txt"), "utf8")
    .split("\n")
    .map((l) => l.split("\t"))
    .find((f) => !f[0]!.startsWith("#") && f[2]?.split(",").includes("SUBSCRIBER") && f[2].split(",").length === 1);
  return line ? { email: line[0]!, password: line[1]! } : null;
}

async function signIn(url: string, login: { email: string; password: string }): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  cookiesOf(csrf, jar);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const r = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email: login.email, password: login.password, callbackUrl: `${url}/dashboard` }),
  });
  cookiesOf(r, jar);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in as ${login.email} gave no session (HTTP ${r.status})`);
  return cookieHeader(jar);
}

// ---- the load -------------------------------------------------------------------------------

interface Kind {
  name: string;
  weight: number;
  run(): Promise<void>;
}

async function expectOk(r: Response, what: string, check?: (body: Buffer) => string | null) {
  const body = Buffer.from(await r.arrayBuffer());
  if (r.status !== 200) throw new Error(`${what}: HTTP ${r.status}`);
  const problem = check?.(body);
  if (problem) throw new Error(`${what}: ${problem}`);
}

async function kinds(url: string, session: string | null): Promise<Kind[]> {
  let issuer: Buffer | undefined;
  let issuerId = "";
  for (const id of ["issuing-ec", "issuing-rsa"]) {
    const r = await fetch(`${url}/pki/ca/${id}.cer`);
    if (r.ok) {
      issuer = Buffer.from(await r.arrayBuffer());
      issuerId = id;
      break;
    }
    await r.arrayBuffer();
  }
  if (!issuer) throw new Error("the portal serves no issuing CA certificate (/pki/ca/issuing-ec.cer)");
  // A handful of serials, asked again and again: the responder's cache stays bounded by design.
  const requests = Array.from({ length: 8 }, () => ocspRequest(issuer, randomBytes(16).toString("hex").replace(/^[89a-f]/, "4")));
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
  const ocspOk = (b: Buffer) => (["good", "unknown", "revoked"].includes(ocspStatus(b)) ? null : `OCSP ${ocspStatus(b)}`);
  const list: Kind[] = [
    { name: "page", weight: 4, run: async () => expectOk(await fetch(`${url}${pick(["/", "/repository", "/query", "/sign-in"])}`), "page") },
    { name: "query", weight: 1, run: async () => expectOk(await fetch(`${url}/query?by=serial&q=${randomBytes(8).toString("hex")}`), "query") },
    { name: "ocsp-get", weight: 3, run: async () => expectOk(await fetch(`${url}/pki/ocsp/${encodeURIComponent(pick(requests).toString("base64"))}`), "OCSP GET", ocspOk) },
    {
      name: "ocsp-post",
      weight: 3,
      run: async () => expectOk(await fetch(`${url}/pki/ocsp`, { method: "POST", headers: { "content-type": "application/ocsp-request" }, body: Uint8Array.from(pick(requests)) }), "OCSP POST", ocspOk),
    },
    {
      name: "tsa",
      weight: 2,
      run: async () => {
        const tsq = seq(integer(1), seq(seq(oid(OID.sha256)), octetString(randomBytes(32))), bool(true));
        // PKIStatusInfo granted (0) opens the answer: 30 xx 30 03 02 01 00.
        await expectOk(await fetch(`${url}/pki/tsa`, { method: "POST", headers: { "content-type": "application/timestamp-query" }, body: Uint8Array.from(tsq) }), "TSA", (b) =>
          b.subarray(b[1]! & 0x80 ? 2 + (b[1]! & 0x7f) : 2).subarray(0, 5).toString("hex") === "3003020100" ? null : "not granted",
        );
      },
    },
    { name: "crl", weight: 1, run: async () => expectOk(await fetch(`${url}/pki/crl/${issuerId}/0.crl`), "CRL") },
    { name: "health", weight: 1, run: async () => expectOk(await fetch(`${url}/api/health`), "health") },
  ];
  if (session) {
    list.push({
      name: "dashboard",
      weight: 2,
      run: async () => {
        const r = await fetch(`${url}/dashboard`, { headers: { cookie: session }, redirect: "manual" });
        await expectOk(r, "dashboard");
      },
    });
  }
  return list;
}

// ---- memory ---------------------------------------------------------------------------------

interface Sample {
  t: number;
  rss: number;
  heapUsed?: number;
}

/**
 * The server's samples over the run, from the probe (of the processes alive during the run, the one
 * with the largest RSS is Next's server: a build that ran first, larger still, ended before it), or
 * /proc for --pid.
 */
function serverSamples(procSamples: Sample[], from: number, to: number): Sample[] {
  const inRun = (xs: Sample[]) => xs.filter((s) => s.t >= from && s.t <= to);
  if (!memoryDir) return inRun(procSamples);
  const byPid = readdirSync(memoryDir).map((f) =>
    inRun(
      readFileSync(path.join(memoryDir!, f), "utf8")
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Sample),
    ),
  );
  const peak = (xs: Sample[]) => Math.max(0, ...xs.map((s) => s.rss));
  return byPid.sort((a, b) => peak(b) - peak(a))[0] ?? [];
}

function rssFromProc(pid: string): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

// ---- main -----------------------------------------------------------------------------------

const mb = (b: number) => b / 1048576;
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

async function main(): Promise<number> {
  if (args.url) memoryDir = args["memory-dir"];
  const url = args.url ?? (await startPortal());
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "[::1]", "::1"].includes(host)) {
    console.error(`[soak] refusing ${url}: the soak runs on loopback only`);
    return 2;
  }
  const login = subscriberLogin();
  const session = login ? await signIn(url, login) : null;
  if (!session) console.log("[soak] no subscriber login (--email/--password): the dashboard is left out");
  const load = await kinds(url, session);
  const totalWeight = load.reduce((s, k) => s + k.weight, 0);
  const stats = new Map(load.map((k) => [k.name, { ms: [] as number[], errors: 0, firstErrors: [] as string[] }]));

  const began = Date.now();
  const end = began + minutes * 60_000;
  const procSamples: Sample[] = [];
  const sampler = setInterval(() => {
    const rss = args.pid ? rssFromProc(args.pid) : undefined;
    if (rss !== undefined) procSamples.push({ t: Date.now(), rss });
  }, SAMPLE_MS);
  const progress = setInterval(() => {
    const done = [...stats.values()].reduce((s, x) => s + x.ms.length, 0);
    const errors = [...stats.values()].reduce((s, x) => s + x.errors, 0);
    console.log(`[soak] ${Math.round((Date.now() - began) / 1000)} s: ${done} requests, ${errors} errors`);
  }, 60_000);

  console.log(`[soak] ${minutes} min at concurrency ${concurrency} against ${url}: ${load.map((k) => `${k.name}×${k.weight}`).join(", ")}`);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < end) {
        let r = Math.random() * totalWeight;
        const kind = load.find((k) => (r -= k.weight) < 0) ?? load[0]!;
        const s = stats.get(kind.name)!;
        const t0 = performance.now();
        try {
          await kind.run();
          s.ms.push(performance.now() - t0);
        } catch (e) {
          s.errors++;
          if (s.firstErrors.length < 3) s.firstErrors.push(e instanceof Error ? e.message : String(e));
        }
      }
    }),
  );
  clearInterval(sampler);
  clearInterval(progress);

  let failed = false;
  console.log(`\n[soak] ${minutes} min, concurrency ${concurrency}, ${url}`);
  console.log("  kind        requests  errors   p50 ms   p99 ms");
  for (const [name, s] of stats) {
    console.log(`  ${name.padEnd(10)} ${String(s.ms.length).padStart(9)} ${String(s.errors).padStart(7)} ${percentile(s.ms, 50).toFixed(1).padStart(8)} ${percentile(s.ms, 99).toFixed(1).padStart(8)}`);
    for (const m of s.firstErrors) console.log(`      error: ${m}`);
    if (s.errors > 0) failed = true;
  }

  const samples = serverSamples(procSamples, began, end + SAMPLE_MS);
  const first = samples.filter((s) => s.t < began + 60_000);
  const last = samples.filter((s) => s.t >= end - 60_000);
  const judged = !(first.length === 0 || last.length === 0 || minutes < 2);
  if (!judged) {
    console.log(`  memory: not judged (${samples.length} samples${minutes < 2 ? "; needs at least 2 minutes" : ""}${!memoryDir && !args.pid ? "; give --pid for a running portal" : ""})`);
    // A portal started here always has the probe: no samples from it means the soak cannot judge memory.
    if (ownMemoryDir && minutes >= 2) failed = true;
  } else {
    const mean = (xs: Sample[], f: (s: Sample) => number | undefined) => {
      const v = xs.map(f).filter((x): x is number => x !== undefined);
      return v.length ? v.reduce((a, b) => a + b, 0) / v.length : undefined;
    };
    const floor = (xs: Sample[], f: (s: Sample) => number | undefined) => {
      const v = xs.map(f).filter((x): x is number => x !== undefined);
      return v.length ? Math.min(...v) : undefined;
    };
    // RSS by its mean; the V8 heap by its floor, the least heap used in the minute: between two
    // collections it saw-tooths by hundreds of MB, and what survives collection is what a leak grows.
    for (const [label, f, stat] of [
      ["RSS (mean)", (s: Sample) => s.rss, mean],
      ["heap used (floor)", (s: Sample) => s.heapUsed, floor],
    ] as const) {
      const a = stat(first, f);
      const b = stat(last, f);
      if (a === undefined || b === undefined) continue;
      const flat = b <= a * (1 + GROWTH_RELATIVE) + GROWTH_ABSOLUTE_MB * 1048576;
      if (!flat) failed = true;
      console.log(`  ${label}: first minute ${mb(a).toFixed(1)} MB, last minute ${mb(b).toFixed(1)} MB (${(((b - a) / a) * 100).toFixed(1)}%): ${flat ? "flat" : "GROWING"} (tolerance +${GROWTH_RELATIVE * 100}% + ${GROWTH_ABSOLUTE_MB} MB)`);
    }
    const heapMean = [mean(first, (s) => s.heapUsed), mean(last, (s) => s.heapUsed)];
    if (heapMean[0] !== undefined && heapMean[1] !== undefined) console.log(`  heap used (mean, not judged): first minute ${mb(heapMean[0]).toFixed(1)} MB, last minute ${mb(heapMean[1]).toFixed(1)} MB`);
    console.log(`  memory samples: ${samples.length}, every ${SAMPLE_MS / 1000} s`);
  }
  console.log(failed ? "[soak] FAILED" : `[soak] passed: 0 errors, ${judged ? "memory flat" : "memory not judged"}`);
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    stopPortal();
    process.exit(code);
  },
  (e: unknown) => {
    console.error("[soak] could not run:", e instanceof Error ? e.message : e);
    stopPortal();
    process.exit(1);
  },
);
