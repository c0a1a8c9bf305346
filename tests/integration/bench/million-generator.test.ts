// The million-certificate generator at a tiny scale, on PGlite and PostgreSQL: the counts it
// promises, rows consistent with the portal's own reads, and probes that measure real results
// (so `npm run bench:million` can never time empty answers). The million-row run stays out of npm test.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlreadyGenerated, generateMillion } from "../../../bench/million/generate";
import { millionProbes, runProbes } from "../../../bench/million/measure";
import { millionCaConfig, type MillionCounts } from "../../../bench/million/setup";
import { listOrganisationCertificates, ORGANISATION_CERTIFICATES_PAGE_SIZE } from "@/server/certificate/list-organisation-certificates";
import { wireContext } from "@/server/ca-service/wire-context";
import { systemClock } from "@/server/core";
import { raWorkQueue } from "@/server/ra/ra-work-queue";
import { AGENT_EMAIL, OFFICER_EMAIL } from "../../../bench/million/setup";
import { openTestDb, type Database } from "../support/test-db";

const COUNTS: MillionCounts = { certificates: 400, revoked: 40, openApplications: 30, organisationCertificates: 120, subscribers: 25, organisations: 4, awaitingReceipt: 5 };

describe("million-certificate generator (tiny scale)", () => {
  let db: Database;
  let dir: string;
  const config = () => millionCaConfig(dir);

  beforeAll(async () => {
    db = await openTestDb();
    dir = mkdtempSync(path.join(tmpdir(), "million-it-"));
    await generateMillion(db.prisma, { counts: COUNTS, ca: config(), chunk: 150 });
  });
  afterAll(async () => {
    await db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("makes the promised rows, each CRL shard as the engine assigns it", async () => {
    const p = db.prisma;
    expect(await p.certificate.count()).toBe(COUNTS.certificates);
    expect(await p.certificate.count({ where: { revokedAt: { not: null }, status: "REVOKED" } })).toBe(COUNTS.revoked);
    expect(await p.revocation.count()).toBe(COUNTS.revoked);
    expect(await p.application.count({ where: { status: { in: ["SUBMITTED", "NEEDS_INFO", "APPROVED"] } } })).toBe(COUNTS.openApplications);
    expect(await p.applicationInfoRequest.count()).toBe(await p.application.count({ where: { status: "NEEDS_INFO" } }));
    const org1 = await p.organisation.findFirstOrThrow({ where: { name: "压测机构1有限公司" } });
    expect(await p.certificate.count({ where: { subscriberOrganisationId: org1.id } })).toBe(COUNTS.organisationCertificates);
    expect(await p.certificate.count({ where: { receiptAt: null } })).toBe(COUNTS.awaitingReceipt);
    // Every certificate of an application points at an ISSUED one of the same subscriber.
    const linked = await p.certificate.findMany({ where: { applicationId: { not: null } }, select: { subscriberUserId: true, application: { select: { status: true, applicantId: true } } } });
    expect(linked.length).toBeGreaterThan(0);
    for (const c of linked) expect(c.application).toMatchObject({ status: "ISSUED", applicantId: c.subscriberUserId });
    const sample = await p.certificate.findMany({ take: 50, select: { serialHex: true, crlShard: true } });
    for (const c of sample) {
      expect(c.serialHex).toMatch(/^[4-7][0-9a-f]{31}$/);
      expect(c.crlShard).toBe(parseInt(c.serialHex.slice(-2), 16) % 4);
    }
  });

  it("refuses to run twice, and leaves the database as it was", async () => {
    await expect(generateMillion(db.prisma, { counts: COUNTS, ca: config() })).rejects.toBeInstanceOf(AlreadyGenerated);
    expect(await db.prisma.certificate.count()).toBe(COUNTS.certificates);
  });

  it("probes the real reads and they return real rows", async () => {
    const probes = await millionProbes(db.prisma, config(), { iterations: 0.01 });
    const rows = Object.fromEntries(await Promise.all(probes.map(async (p) => [p.name, await p.once(7)] as const)));
    const byPrefix = (prefix: string) => Object.entries(rows).filter(([name]) => name.startsWith(prefix)).map(([, n]) => n);
    expect(byPrefix("reference")).toEqual([1]);
    expect(byPrefix("public query by serial")).toEqual([1]);
    // 30 open applications and 5 certificates waiting for their receipt, all listed.
    expect(byPrefix("RA queue")).toEqual([COUNTS.openApplications + COUNTS.awaitingReceipt]);
    // 120 organisation certificates: page 1 is full, the middle page (2 of 3) too.
    expect(byPrefix("agent's organisation list")).toEqual([ORGANISATION_CERTIFICATES_PAGE_SIZE, ORGANISATION_CERTIFICATES_PAGE_SIZE]);
    const [crl] = byPrefix("CRL shard");
    const fullest = await db.prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Certificate" WHERE "revokedAt" IS NOT NULL GROUP BY "crlShard" ORDER BY 1 DESC LIMIT 1`;
    expect(crl).toBe(Number(fullest[0]!.n));
    const figures = await runProbes(probes);
    expect(figures.map((f) => f.name)).toEqual(probes.map((p) => p.name));
    for (const f of figures) expect(f.p99ms).toBeGreaterThanOrEqual(f.p50ms);
  });

  // The reads were made cheaper for the million (ids from an index first, then the rows); what
  // they answer must be what a plain read of the same rows says.
  it("the agent's pages are the organisation's certificates newest first, each once; a page past the last shows the last", async () => {
    const p = db.prisma;
    const agent = await p.user.findUniqueOrThrow({ where: { email: AGENT_EMAIL } });
    const ctx = wireContext({ db: p, clock: systemClock, actor: { userId: agent.id, roles: ["AGENT"] }, meta: { ip: "127.0.0.9", userAgent: "test" } });
    const org1 = await p.organisation.findFirstOrThrow({ where: { name: "压测机构1有限公司" } });
    const all = await p.certificate.findMany({ where: { subscriberOrganisationId: org1.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, serialHex: true } });
    const pages = [];
    for (let n = 1; n <= 3; n++) pages.push(await listOrganisationCertificates(ctx, { page: n }));
    expect(pages.map((x) => x.page)).toEqual([1, 2, 3].map((number) => ({ number, size: ORGANISATION_CERTIFICATES_PAGE_SIZE, total: COUNTS.organisationCertificates, pages: 3 })));
    expect(pages.flatMap((x) => x.certificates.map((c) => [c.id, c.serialHex]))).toEqual(all.map((c) => [c.id, c.serialHex]));
    const past = await listOrganisationCertificates(ctx, { page: 99 });
    expect(past.page.number).toBe(3);
    expect(past.certificates.map((c) => c.id)).toEqual(pages[2]!.certificates.map((c) => c.id));
  });

  it("the RA queue lists the open applications in submission order with exact counts", async () => {
    const p = db.prisma;
    const officer = await p.user.findUniqueOrThrow({ where: { email: OFFICER_EMAIL } });
    const ctx = wireContext({ db: p, clock: systemClock, actor: { userId: officer.id, roles: ["RA_OFFICER"], secondFactor: true }, meta: { ip: "127.0.0.8", userAgent: "test" } });
    const open = await p.application.findMany({ where: { status: { in: ["SUBMITTED", "NEEDS_INFO", "APPROVED"] } }, orderBy: [{ submittedAt: "asc" }, { id: "asc" }], select: { id: true, status: true } });
    const q = await raWorkQueue(ctx, { sort: "oldest", kind: "application" });
    expect(q.items.map((i) => [i.id, i.status])).toEqual(open.map((a) => [a.id, a.status]));
    expect(q.counts).toEqual({ application: COUNTS.openApplications, change: 0, revocation: 0, problemReport: 0, objection: 0, delivery: COUNTS.awaitingReceipt, authorisation: 0 });
    const newest = await raWorkQueue(ctx, { sort: "newest", kind: "application" });
    expect(newest.items.map((i) => i.id)).toEqual(open.map((a) => a.id).reverse());
  });
});
