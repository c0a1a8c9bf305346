// npm run bench:portal — the portal as `npm start` serves it, beside references measured in the same
// run (the machine is shared and noisy: absolute numbers drift, ratios much less). bench:ca measures
// the CA engine alone; this measures the deployed path.
//   ocsp:    OCSP POST and RFC 5019 GET through /pki/ocsp vs an `openssl ocsp` responder with the same
//            certificate (issued by the portal's demo CA) and signer key, 8 connections (keep-alive where the
//            server keeps them) of a lean socket client in a process of its own (--ocsp-client node: node:http
//            instead), the four figures interleaved in 3 rounds (2 with --quick), medians compared
//   pages:   a signed-in subscriber's /dashboard, the RA officer's queue /ra, and /, /agreement, /query
//            vs a static asset of the same server (/_next/static/...), 20 connections
//   million: the million-certificate figures (bench/million/measure.ts) on BENCH_MILLION_DATABASE_URL
// Options: --quick (short runs), --only ocsp|pages|million, --port N (default 3411; openssl on N+1, a bare
// node:http server on N+2),
// --ocsp-client raw|node (default raw).
// Environment: DATABASE_URL (else the embedded PGlite in a fresh data folder), NEXT_DIST_DIR (the
// build to make or reuse, default .next as npm start), BENCH_MILLION_DATABASE_URL, BENCH_VERBOSE=1
// (server output), BENCH_KEEP=1 (keep the work folder). Not part of the test command.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { LEAN_PATH_HEADER } from "../src/server/pki-server/lean-path-header";
import { measureLoad, measureInClientProcess, type LoadResult } from "./portal/load";
import { describeOcspAnswer, ocspRequestsFor, startOpensslResponder } from "./portal/ocsp";
import { portalEnv, prepareCa, startPortal, type PreparedCa, type RunningPortal } from "./portal/portal-server";
import { stopAll, stopChild } from "./portal/processes";
import { figure, fmt, noise, printTable, ratioRow, skippedRow, type Row } from "./portal/report";
import { startBareServer } from "./portal/bare-server";
import { demoLogin, signInCookies } from "./portal/sign-in";

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i]!.includes("=") ? argv[i]!.split("=")[1] : argv[i + 1];
};
const QUICK = argv.includes("--quick");
const ONLY = option("only");
if (ONLY && !["ocsp", "pages", "million"].includes(ONLY)) {
  console.error("--only takes ocsp, pages or million");
  process.exit(2);
}
const PORT = Number(option("port") ?? 3411);
/**
 * The OCSP figures' load client. raw (bench/portal/raw-load-client.ts): prepared bytes over plain
 * sockets, as native load tools do. node: node:http with a keep-alive agent, which on 2 cores took
 * 80-92% of one of them at these rates (the client then sets the pace of both sides); kept to compare.
 */
const OCSP_CLIENT = (option("ocsp-client") ?? "raw") as "raw" | "node";
if (!["raw", "node"].includes(OCSP_CLIENT)) {
  console.error("--ocsp-client takes raw or node");
  process.exit(2);
}
const SECONDS = QUICK ? 3 : 10;
const WARMUP = QUICK ? 1 : 2;
const wants = (part: string) => !ONLY || ONLY === part;

const rows: Row[] = [];
const progress = (message: string) => console.error(`[bench] ${message}`);

/** Rounds of the four OCSP figures: each round measures all four in turn, so drift shows as spread between rounds. */
const OCSP_ROUNDS = QUICK ? 2 : 3;

/** The median of each figure over the rounds (the middle one; the mean of the two middle ones for an even count). */
function medianResult(results: LoadResult[]): LoadResult {
  const mid = <T>(values: T[], num: (v: T) => number) => {
    const sorted = values.map(num).sort((a, b) => a - b);
    const h = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[h]! : (sorted[h - 1]! + sorted[h]!) / 2;
  };
  return {
    rps: mid(results, (r) => r.rps),
    p50: mid(results, (r) => r.p50),
    p99: mid(results, (r) => r.p99),
    // Failures anywhere make the figure suspect: summed, never medianed away.
    failures: results.reduce((n, r) => n + r.failures, 0),
    total: results.reduce((n, r) => n + r.total, 0),
    clientCpuShare: mid(results, (r) => r.clientCpuShare ?? 0),
  };
}

async function benchOcsp(portal: RunningPortal, ca: PreparedCa, work: string) {
  const req = ocspRequestsFor(ca);
  const post = { method: "POST" as const, body: req.der, headers: { "content-type": "application/ocsp-request" } };
  // Both responders must answer "good" for the portal's certificate before their speed means anything,
  // and the portal through its lean path (the header it marks those answers with), not through Next.
  for (const [name, init, url] of [
    ["portal POST", { method: "POST", body: new Uint8Array(req.der), headers: post.headers }, `${portal.base}/pki/ocsp`],
    ["portal GET", { method: "GET" }, `${portal.base}/pki/ocsp/${req.getPath}`],
  ] as const) {
    const r = await fetch(url, init);
    const check = describeOcspAnswer(Buffer.from(await r.arrayBuffer()), work, name.replace(" ", "-"));
    if (r.status !== 200 || !check.good) throw new Error(`${name} ${url} did not answer "good" for ${ca.serialHex} (HTTP ${r.status}):\n${check.text}`);
    if (r.headers.get(LEAN_PATH_HEADER) !== "lean") progress(`${name} was answered by Next, not the lean path (no ${LEAN_PATH_HEADER}): the figure measures Next`);
  }
  const openssl = await startOpensslResponder(ca, work, PORT + 1, req);
  try {
    const g = await fetch(`${openssl.url}${req.getPath}`);
    if (!describeOcspAnswer(Buffer.from(await g.arrayBuffer()), work, "openssl-GET").good) throw new Error("openssl ocsp did not answer the GET form");
    // Each figure in its own load-client process (load-client.ts), 8 connections; the warm-up
    // only before a target's first round (JIT, pre-signed responses), later rounds start measured.
    const sides = [
      ["portal POST", `${portal.base}/pki/ocsp`, post],
      ["openssl POST", openssl.url, post],
      ["portal GET", `${portal.base}/pki/ocsp/${req.getPath}`, { method: "GET" as const }],
      ["openssl GET", `${openssl.url}${req.getPath}`, { method: "GET" as const }],
    ] as const;
    const figures = new Map<string, LoadResult[]>(sides.map(([name]) => [name, []]));
    for (let round = 1; round <= OCSP_ROUNDS; round++) {
      // Interleaved, ours then the reference, so that a burst of load from elsewhere hits both sides alike.
      for (const [name, url, r] of sides) {
        progress(`OCSP round ${round}/${OCSP_ROUNDS}: ${name} (${noise()})`);
        figures.get(name)!.push(await measureInClientProcess(url, r, 8, SECONDS, round === 1 ? WARMUP : 0, OCSP_CLIENT));
      }
    }
    // The ceiling beside it: a bare node:http server answering the same number of bytes, one round.
    const answerBytes = (await (await fetch(`${portal.base}/pki/ocsp`, { method: "POST", body: new Uint8Array(req.der), headers: post.headers })).arrayBuffer()).byteLength;
    const bare = await startBareServer(PORT + 2, answerBytes);
    let bareFigure: LoadResult;
    try {
      progress(`OCSP: a bare node:http server answering ${answerBytes} bytes (${noise()})`);
      bareFigure = await measureInClientProcess(bare.url, post, 8, SECONDS, WARMUP, OCSP_CLIENT);
    } finally {
      await stopChild(bare.child);
    }
    const all = [...figures.values()].flat();
    // openssl ocsp serves one connection at a time: when it answered nothing, its own words say why.
    if (all.some((r) => r.total === 0)) progress(`a responder answered nothing under load (openssl alive: ${openssl.child.exitCode === null}); openssl's log:\n${openssl.log().slice(-1500)}`);
    const target = ">= 3x openssl (stretch 5x)";
    for (const [method, what] of [
      ["POST", "OCSP POST /pki/ocsp, 8 conn"],
      ["GET", "OCSP GET /pki/ocsp/<b64>, 8 conn"],
    ] as const) {
      const oursAll = figures.get(`portal ${method}`)!;
      const refAll = figures.get(`openssl ${method}`)!;
      const ours = medianResult(oursAll);
      const ref = medianResult(refAll);
      const ratio = ref.rps > 0 ? ours.rps / ref.rps : 0;
      rows.push(ratioRow(`${what}, median of ${OCSP_ROUNDS}`, ours, ref, "openssl ocsp", "x", `${target}${ratio >= 5 ? ": stretch met" : ""}`, ratio >= 3));
      // Each round's pair, taken seconds apart: how far the noise moves the ratio.
      const perRound = oursAll.map((o, i) => `${fmt(o.rps)}/${fmt(refAll[i]!.rps)} = ${fmt(refAll[i]!.rps > 0 ? o.rps / refAll[i]!.rps : 0, 1)}x`).join("; ");
      const cpu = `${OCSP_CLIENT} load client CPU ${fmt(100 * (ours.clientCpuShare ?? 0))}% / ${fmt(100 * (ref.clientCpuShare ?? 0))}% of a core`;
      rows.push({ what: `  rounds (portal/openssl req/s)`, ours: perRound, reference: cpu, ratio: "", target: "", verdict: "info" });
    }
    const bareVsOpenssl = medianResult(figures.get("openssl POST")!).rps;
    rows.push({
      what: "  bare node:http, fixed answer of the same size (POST, 8 conn)",
      ours: figure(bareFigure),
      reference: `openssl POST median ${fmt(bareVsOpenssl)} req/s`,
      ratio: bareVsOpenssl > 0 ? `${fmt(bareFigure.rps / bareVsOpenssl, 1)}x` : "",
      target: "(info: a Node process's ceiling here)",
      verdict: "info",
    });
  } finally {
    await stopChild(openssl.child);
  }
}

async function staticAssetPath(base: string): Promise<string> {
  const html = await (await fetch(`${base}/`)).text();
  const m = /\/_next\/static\/[^"'\s?]+\.(?:js|css)/.exec(html);
  if (!m) throw new Error("no /_next/static asset referenced by /");
  return m[0];
}

async function benchPages(portal: RunningPortal, dataDir: string) {
  const staticPath = await staticAssetPath(portal.base);
  const run = (p: string, cookie?: string) => measureLoad(`${portal.base}${p}`, { method: "GET", headers: cookie ? { cookie } : {} }, 20, SECONDS, WARMUP);
  const subscriber = demoLogin(dataDir, "SUBSCRIBER");
  const officer = demoLogin(dataDir, "RA_OFFICER");
  progress("signing in the demo subscriber and RA officer (Chromium)");
  const cookies = await signInCookies(portal.base, [subscriber, officer].filter((l) => l !== undefined));
  // A signed-in page that answers a redirect (session not taken) would be measured as failures: say so first.
  for (const [p, login] of [["/dashboard", subscriber], ["/ra", officer]] as const) {
    if (!login) continue;
    const r = await fetch(`${portal.base}${p}`, { headers: { cookie: cookies.get(login.email) ?? "" }, redirect: "manual" });
    if (r.status !== 200) throw new Error(`${p} answered ${r.status} to ${login.email}'s session`);
    const again = await fetch(`${portal.base}${p}`, { headers: { cookie: cookies.get(login.email) ?? "" }, redirect: "manual" });
    progress(`${p}: page cache ${again.headers.get("x-portal-page-cache") ?? "off"} on the second request`);
  }
  progress(`static reference ${staticPath}`);
  const before = await run(staticPath);
  const measured: Array<[string, string, LoadResult | string]> = [];
  for (const [what, p, login] of [
    ["signed-in /dashboard (subscriber), 20 conn", "/dashboard", subscriber],
    ["RA queue /ra (officer), 20 conn", "/ra", officer],
  ] as const) {
    progress(p);
    measured.push([what, p, login ? await run(p, cookies.get(login.email)) : "no demo account for it in DATA_DIR (on PostgreSQL only subscriber and agent demo accounts exist)"]);
  }
  // The page cache (src/server/page-cache) answers the pages above from what was rendered; a query
  // string bypasses it, so this is the dashboard rendered on every request: what the first view after
  // a data change costs.
  if (subscriber) {
    progress("/dashboard?rendered (cache bypassed)");
    measured.push(["signed-in /dashboard rendered every time (query string: cache bypassed), 20 conn", "/dashboard?rendered", await run("/dashboard?rendered", cookies.get(subscriber.email))]);
  }
  for (const p of ["/", "/agreement", "/query"]) {
    progress(p);
    measured.push([`public ${p}, 20 conn`, p, await run(p)]);
  }
  progress(`static reference again ${staticPath}`);
  const after = await run(staticPath);
  if ([before, after, ...measured.map(([, , r]) => r)].some((r) => typeof r !== "string" && r.total === 0)) progress(`a page answered nothing within the run; the portal's output:\n${portal.log().slice(-2500)}`);
  // The reference is the mean of the static asset before and after: drift over the run cancels out.
  const ref: LoadResult = {
    rps: (before.rps + after.rps) / 2,
    p50: (before.p50 + after.p50) / 2,
    p99: Math.max(before.p99, after.p99),
    failures: before.failures + after.failures,
    total: before.total + after.total,
  };
  rows.push({ what: `static asset ${staticPath.length > 40 ? "/_next/static/…" : staticPath}, 20 conn`, ours: `before ${fmt(before.rps)}, after ${fmt(after.rps)} req/s`, reference: "", ratio: "", target: "(the reference)", verdict: "info" });
  for (const [what, p, r] of measured) {
    if (typeof r === "string") {
      rows.push(skippedRow(what, r));
      continue;
    }
    const share = ref.rps > 0 ? r.rps / ref.rps : 0;
    if (p === "/dashboard?rendered") rows.push({ ...ratioRow(what, r, ref, "static", "%", "(info: the cost of a render)", true), verdict: "info" });
    else if (p === "/dashboard" || p === "/ra") rows.push(ratioRow(what, r, ref, "static", "%", "p99 < 100 ms, >= 25% of static", r.p99 < 100 && share >= 0.25));
    else rows.push(ratioRow(what, r, ref, "static", "%", "as fast as static (>= 80%)", share >= 0.8));
  }
}

type MillionRow = { name: string; target: string; p50ms: number; p99ms: number; ok: boolean };

async function benchMillion() {
  const url = process.env.BENCH_MILLION_DATABASE_URL;
  const file = path.join(import.meta.dirname, "million", "measure.ts");
  if (!url) return rows.push(skippedRow("1,000,000 certificates", "BENCH_MILLION_DATABASE_URL unset (fill one with npm run bench:million -- --generate)"));
  if (!existsSync(file)) return rows.push(skippedRow("1,000,000 certificates", "bench/million/measure.ts absent"));
  // Imported by path at run time: the bench runs (and type-checks) whether or not that part is there.
  const mod = (await import(file)) as { measureMillion?: (databaseUrl: string) => Promise<MillionRow[]> };
  if (typeof mod.measureMillion !== "function") return rows.push(skippedRow("1,000,000 certificates", "bench/million/measure.ts has no measureMillion"));
  progress("million-certificate figures");
  for (const r of await mod.measureMillion(url)) {
    rows.push({ what: `1M: ${r.name}`, ours: `p50 ${fmt(r.p50ms, 1)} p99 ${fmt(r.p99ms, 1)} ms`, reference: "", ratio: "", target: r.target, verdict: r.ok ? "PASS" : "MISS" });
  }
}

async function main() {
  const openssl = spawnSync("openssl", ["version"], { encoding: "utf8" }).stdout.trim();
  const startNoise = noise();
  let t0 = performance.now();
  console.log(`Portal benchmark (${QUICK ? "quick" : "full"}: ${SECONDS} s per figure after ${WARMUP} s warm-up), node ${process.version}, ${openssl}`);
  console.log(`start: ${startNoise}`);
  if (wants("ocsp") || wants("pages")) {
    const work = mkdtempSync(path.join(tmpdir(), "portal-bench-"));
    const dataDir = path.join(work, "data");
    const env = portalEnv(dataDir, PORT);
    let portal: RunningPortal | undefined;
    try {
      progress(`CA and one certificate through npm run ca (${env.DATABASE_URL ? "DATABASE_URL" : "embedded PGlite"} in ${dataDir})`);
      const ca = await prepareCa(env, work);
      progress(`issued ${ca.serialHex} by ${ca.issuerName}; starting node scripts/start.mjs on port ${PORT}`);
      portal = await startPortal(env);
      console.log(`portal: node scripts/start.mjs on ${portal.base}, ${env.DATABASE_URL ? "DATABASE_URL" : "embedded PGlite"}, build ${env.NEXT_DIST_DIR} ${portal.rebuilt ? "rebuilt" : "reused"}, ready in ${fmt(portal.startSeconds)} s; certificate ${ca.serialHex} (${ca.issuerName})`);
      // The figures start from here: the build (when there was one) is not in the run time below.
      t0 = performance.now();
      if (wants("ocsp")) await benchOcsp(portal, ca, work);
      if (wants("pages")) await benchPages(portal, dataDir);
    } finally {
      await portal?.stop();
      if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
      else progress(`work folder kept: ${work}`);
    }
  }
  if (wants("million")) await benchMillion();
  rows.push({ what: "revocation seen by another instance", ours: "not measured here", reference: "", ratio: "", target: "<= 2 s: the multi-instance test", verdict: "info" });
  console.log("");
  printTable(rows);
  console.log("");
  console.log(`start: ${startNoise}`);
  console.log(`end:   ${noise()}; measuring took ${fmt((performance.now() - t0) / 1000)} s`);
  console.log("Ratios compare figures taken seconds apart under the same client; the other processes on the machine move both sides.");
}

main()
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exitCode = 1;
  })
  .finally(() => stopAll());
