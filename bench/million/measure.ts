// The million-certificate figures (issue 16 targets): each probe calls the project's real code
// path the way its page or route does (the read model with a ServiceContext over the database, the
// CRL publisher's own function), many times, and reports p50/p99 in milliseconds.
// `measureMillion(url)` is what `npm run bench:portal` calls; `npm run bench:million` prints it.
import type { PrismaClient } from "@/generated/prisma/client";
import { openDatabase } from "@/db/open";
import { listOrganisationCertificates } from "@/server/certificate/list-organisation-certificates";
import type { CaServiceConfig } from "@/server/ca-service/ca-config";
import { getCaService, registerCaConfig } from "@/server/ca-service/ca-service";
import { publishCrlShard } from "@/server/ca-service/crl-publisher";
import { wireContext } from "@/server/ca-service/wire-context";
import { systemClock } from "@/server/core";
import { queryCertificates } from "@/server/public/query-certificates";
import { raWorkQueue } from "@/server/ra/ra-work-queue";
import { AGENT_EMAIL, OFFICER_EMAIL, millionCaConfig } from "./setup";

export interface MillionFigure {
  name: string;
  target: string;
  p50ms: number;
  p99ms: number;
  ok: boolean;
  /** What one call returned (rows, entries), so an empty database cannot pass unnoticed. */
  detail: string;
}

/** One measured call: returns how many rows it produced. */
export interface MillionProbe {
  name: string;
  target: string;
  /** ok when p99 stays under this. */
  limitMs: number;
  iterations: number;
  /** Rows the call returned (results, items, certificates, CRL entries). */
  once(k: number): Promise<number>;
  describe(rows: number): string;
}

/**
 * The probes over a generated database (generate.ts). Finds its actors and samples by the names
 * the generator gives them; throws when the database was not generated.
 */
export async function millionProbes(db: PrismaClient, config: CaServiceConfig = millionCaConfig(), opts: { iterations?: number } = {}): Promise<MillionProbe[]> {
  registerCaConfig(db, config);
  const [officer, agent] = await Promise.all([
    db.user.findUnique({ where: { email: OFFICER_EMAIL }, select: { id: true } }),
    db.user.findUnique({ where: { email: AGENT_EMAIL }, select: { id: true } }),
  ]);
  if (!officer || !agent) throw new Error("not a generated database: run `npm run bench:million -- --generate` on it first");
  // Random certificates, each looked up the way a relying party types it (upper case, colons).
  const sample = await db.$queryRawUnsafe<{ serialHex: string }[]>(`SELECT "serialHex" FROM "Certificate" ORDER BY md5("id" || ${Date.now()}) LIMIT 500`);
  const serials = sample.map((r) => r.serialHex.toUpperCase().match(/../g)!.join(":"));
  const n = (full: number) => Math.max(1, Math.round(full * (opts.iterations ?? 1)));
  // Staff sessions carry the second factor (the console requires it); the officer is attached to no RA, so sees every application.
  const officerCtx = wireContext({ db, clock: systemClock, actor: { userId: officer.id, roles: ["RA_OFFICER"], secondFactor: true }, meta: { ip: "127.0.0.2", userAgent: "bench-million" } });
  const agentCtx = wireContext({ db, clock: systemClock, actor: { userId: agent.id, roles: ["AGENT"] }, meta: { ip: "127.0.0.3", userAgent: "bench-million" } });
  const firstPage = await listOrganisationCertificates(agentCtx, {});
  const middle = Math.max(1, Math.ceil(firstPage.page.pages / 2));

  const ca = await getCaService(db);
  const issuing = [...ca.hierarchy.byId.values()].find((e) => e.entity.role === "issuing");
  if (!issuing) throw new Error("the database has no issuing CA");
  const issuerRowId = ca.rowIdOf(issuing.entity.id);
  // The fullest shard: the target is a shard with ~25,000 revoked entries.
  const [fullest] = await db.$queryRaw<{ shard: number; n: bigint }[]>`
    SELECT "crlShard" AS shard, count(*) AS n FROM "Certificate" WHERE "issuerId" = ${issuerRowId} AND "revokedAt" IS NOT NULL GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
  const shard = fullest?.shard ?? 0;

  return [
    {
      // The yardstick of the run: one round trip through the same client. On a shared, loaded machine
      // every figure below stretches with it; compare them to it, not only to the targets.
      name: "reference: SELECT 1 through Prisma",
      target: "(reference)",
      limitMs: Number.POSITIVE_INFINITY,
      iterations: n(500),
      once: async () => (await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).length,
      describe: (rows) => `${rows} row`,
    },
    {
      name: "public query by serial (/query)",
      target: "p99 < 5 ms",
      limitMs: 5,
      iterations: n(500),
      // A new client address each time: the per-address rate limit (30 a minute) is part of the path, not what is measured.
      once: async (k) =>
        (await queryCertificates(wireContext({ db, clock: systemClock, actor: null, meta: { ip: `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`, userAgent: "bench-million" } }), { serial: serials[k % serials.length]! })).results.length,
      describe: (rows) => `${rows} result`,
    },
    {
      name: "RA queue, first page (/ra)",
      target: "< 100 ms",
      limitMs: 100,
      iterations: n(40),
      once: async () => {
        const q = await raWorkQueue(officerCtx, { sort: "urgent" });
        return q.items.length;
      },
      describe: (rows) => `${rows} items shown`,
    },
    {
      name: "agent's organisation list, page 1 (/agent)",
      target: "< 200 ms",
      limitMs: 200,
      iterations: n(60),
      once: async () => (await listOrganisationCertificates(agentCtx, { page: 1 })).certificates.length,
      describe: (rows) => `${rows} of ${firstPage.page.total.toLocaleString("en-US")}`,
    },
    {
      name: `agent's organisation list, page ${middle} (/agent)`,
      target: "< 200 ms",
      limitMs: 200,
      iterations: n(60),
      once: async () => (await listOrganisationCertificates(agentCtx, { page: middle })).certificates.length,
      describe: (rows) => `${rows} of ${firstPage.page.total.toLocaleString("en-US")}`,
    },
    {
      name: `CRL shard ${shard} re-signed from the database`,
      target: "< 2 s",
      limitMs: 2000,
      iterations: n(6),
      once: async () => {
        const crl = await publishCrlShard(db, ca, issuing.entity.id, shard, new Date());
        return revokedCount(crl.der);
      },
      describe: (rows) => `${rows.toLocaleString("en-US")} entries`,
    },
  ];
}

/**
 * Entries of a signed CRL, counted from its DER (what was signed, not what was asked for):
 * TBSCertList = SEQUENCE { version, signature, issuer, thisUpdate, nextUpdate,
 * revokedCertificates SEQUENCE OF ... OPTIONAL, [0] extensions }. A plain walk over the
 * definite-length DER the encoder writes (a general parser refused 25,000 entries).
 */
function revokedCount(der: Buffer): number {
  const tlv = (pos: number) => {
    const tag = der[pos]!;
    let len = der[pos + 1]!;
    let contentStart = pos + 2;
    if (len & 0x80) {
      const n = len & 0x7f;
      len = 0;
      for (let k = 0; k < n; k++) len = len * 256 + der[pos + 2 + k]!;
      contentStart += n;
    }
    return { tag, contentStart, end: contentStart + len };
  };
  const children = (node: { contentStart: number; end: number }) => {
    const out: Array<ReturnType<typeof tlv>> = [];
    for (let pos = node.contentStart; pos < node.end; pos = out[out.length - 1]!.end) out.push(tlv(pos));
    return out;
  };
  const tbs = tlv(tlv(0).contentStart);
  // After version (INTEGER), signature and issuer (SEQUENCEs), thisUpdate and nextUpdate (times): a SEQUENCE is the list.
  const list = children(tbs).slice(3).find((c) => c.tag === 0x30);
  return list ? children(list).length : 0;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;

/** Runs each probe (a few warm-up calls first) and returns its p50/p99. */
export async function runProbes(probes: MillionProbe[], log?: (line: string) => void): Promise<MillionFigure[]> {
  const figures: MillionFigure[] = [];
  for (const p of probes) {
    let rows = 0;
    for (let k = 0; k < Math.min(3, p.iterations); k++) rows = await p.once(1_000_000 + k);
    const times: number[] = [];
    for (let k = 0; k < p.iterations; k++) {
      const t0 = performance.now();
      rows = await p.once(k);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const figure = { name: p.name, target: p.target, p50ms: percentile(times, 50), p99ms: percentile(times, 99), ok: percentile(times, 99) < p.limitMs, detail: p.describe(rows) };
    figures.push(figure);
    log?.(formatFigure(figure));
  }
  return figures;
}

/** Opens the PostgreSQL database at `databaseUrl` (generated by generate.ts) and measures it. */
export async function measureMillion(databaseUrl: string): Promise<Array<{ name: string; target: string; p50ms: number; p99ms: number; ok: boolean }>> {
  const db = await openDatabase({ databaseUrl, onWarning: () => undefined });
  try {
    return await runProbes(await millionProbes(db.prisma));
  } finally {
    await db.close();
  }
}

export const fmtMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
export function formatFigure(f: MillionFigure): string {
  return `${f.name.padEnd(46)} ${fmtMs(f.p50ms).padStart(8)} ${fmtMs(f.p99ms).padStart(8)}  ${f.target.padEnd(12)} ${(f.ok ? "ok" : "MISSED").padEnd(7)} ${f.detail}`;
}
export const FIGURE_HEADER = `${"on the million-certificate database".padEnd(46)} ${"p50 ms".padStart(8)} ${"p99 ms".padStart(8)}  ${"target".padEnd(12)} ${"".padEnd(7)} returned`;
