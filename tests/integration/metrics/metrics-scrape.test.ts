import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { caOf } from "@/server/ca-service/wire-context";
import { REVOCATION_DUE_SOON_MS } from "@/domain/revocation";
import { parsePrometheusText, sampleValue, type Sample } from "@/testing/fixtures/prometheus-text";
import { caFiles, issueCert, openWorld, type TestCert, type World } from "../revocation/fixtures";

// /metrics (issue 16 item 6) over a seeded database: every PKI answer that passes servePki is
// counted by outcome, and the scrape reads the database gauges with the values the rows imply.
// servePki and the route open the process database; here that is the test's database.
const holder = vi.hoisted(() => ({ world: undefined as unknown as { db: unknown } }));
vi.mock("@/db", async (importOriginal) => ({ ...(await importOriginal<object>()), getDatabase: async () => holder.world.db }));

const { servePki } = await import("@/server/ca-service/pki-http");
const { renderMetrics } = await import("@/server/metrics");

const HOUR = 3_600_000;
const TOKEN = "integration-scrape-token-0123";
let w: World;
let now: Date;
let certs: TestCert[];
let caName: string;

const ago = (ms: number) => new Date(now.getTime() - ms);
/** A scrape at the world's clock, so every age below is exact. */
const scrape = async (): Promise<Sample[]> => parsePrometheusText((await renderMetrics(async () => ({ db: w.db.prisma, clock: w.clock }))).body);
const requestFor = async (c: TestCert) => {
  const { issuer } = await caFiles(w);
  const out = w.tmp.file(`req-${c.serialHex}.der`);
  execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", c.certFile, "-no_nonce", "-reqout", out], { stdio: "pipe" });
  return readFileSync(out);
};

beforeAll(async () => {
  w = await openWorld(new Date(Math.floor(Date.now() / 1000) * 1000));
  holder.world = w;
  now = w.clock.now();
  caName = (await w.db.prisma.issuingCa.findFirstOrThrow({ where: { role: "ISSUING" } })).name;
  certs = [await issueCert(w, { user: "alice" }), await issueCert(w, { user: "bob" }), await issueCert(w, { user: "alice" })];
  // One revoked two hours ago (the row the revocation use case writes, and the certificate's status).
  await w.db.prisma.certificate.update({ where: { id: certs[2]!.id }, data: { status: "REVOKED", revokedAt: ago(2 * HOUR), revocationReason: "KEY_COMPROMISE" } });
  await w.db.prisma.revocation.create({ data: { certificateId: certs[2]!.id, reasonCode: "KEY_COMPROMISE", revokedAt: ago(2 * HOUR) } });
});
afterAll(async () => {
  await w?.close();
});

describe("/metrics", () => {
  it("reads the database gauges a seeded CA implies: OCSP ages, CRL shards, certificates, revocation clocks, outbox, jobs", async () => {
    // Recorded OCSP responses of the three certificates, signed now.
    for (const c of certs) await servePki({ kind: "ocsp", request: await requestFor(c) });
    await (await caOf(w.db.prisma)()).flushOcspRecords();
    // The three recorded OCSP responses, aged: 30 min, 13 h and 25 h (past nextUpdate: a day's validity).
    for (const [c, age] of [[certs[0]!, HOUR / 2], [certs[1]!, 13 * HOUR], [certs[2]!, 25 * HOUR]] as const) {
      await w.db.prisma.ocspResponse.update({ where: { certificateId: c.id }, data: { producedAt: ago(age), nextUpdate: new Date(ago(age).getTime() + 24 * HOUR) } });
    }
    const issuingCaId = (await w.db.prisma.issuingCa.findFirstOrThrow({ where: { name: caName } })).id;
    await w.db.prisma.crlShard.upsert({
      where: { issuingCaId_shard: { issuingCaId, shard: 0 } },
      create: { issuingCaId, shard: 0, crlNumber: 7, thisUpdate: ago(3 * HOUR), nextUpdate: new Date(now.getTime() + 21 * HOUR) },
      update: { crlNumber: 7, thisUpdate: ago(3 * HOUR), nextUpdate: new Date(now.getTime() + 21 * HOUR) },
    });
    // Revocation clocks: one with 10 h left, one due soon (1 h left), one overdue by an hour; one request still awaiting identity confirmation.
    const request = (dueInMs: number | null) => ({
      certificateId: certs[0]!.id,
      kind: "REVOCATION" as const,
      reasonCode: "UNSPECIFIED" as const,
      status: dueInMs === null ? ("RECEIVED" as const) : ("COMPLIANT" as const),
      receivedAt: ago(30 * HOUR),
      ...(dueInMs === null ? {} : { compliantAt: new Date(now.getTime() + dueInMs - 24 * HOUR), dueAt: new Date(now.getTime() + dueInMs) }),
    });
    await w.db.prisma.revocationRequest.createMany({ data: [request(10 * HOUR), request(REVOCATION_DUE_SOON_MS - HOUR * 3), request(-HOUR), request(null)] });
    // Outbox: two waiting (5 and 1 minutes), one given up on, one sent.
    const mail = (status: "PENDING" | "FAILED" | "SENT", ageMs: number, key: string) => ({ toAddress: "a@example.test", locale: "zh-CN", template: "t", payload: {}, dedupeKey: key, status, nextAttemptAt: now, createdAt: ago(ageMs) });
    await w.db.prisma.notification.createMany({ data: [mail("PENDING", 300_000, "m1"), mail("PENDING", 60_000, "m2"), mail("FAILED", HOUR, "m3"), mail("SENT", 2 * HOUR, "m4")] });
    // Jobs: one succeeded 2 h ago, then failed 30 min ago; another only failed; a success 30 h ago is outside the day's count.
    await w.db.prisma.jobLease.createMany({ data: [{ name: "ocsp.refresh", lastError: "TypeError: boom" }, { name: "outbox.deliver", lastError: "Error: smtp" }, { name: "calendar.check" }] });
    await w.db.prisma.sweepRun.createMany({
      data: [
        { job: "ocsp.refresh", startedAt: ago(30 * HOUR), finishedAt: ago(30 * HOUR - 1000), ok: true },
        { job: "ocsp.refresh", startedAt: ago(2 * HOUR), finishedAt: ago(2 * HOUR - 1000), ok: true },
        { job: "ocsp.refresh", startedAt: ago(HOUR / 2), finishedAt: ago(HOUR / 2 - 1000), ok: false },
        { job: "outbox.deliver", startedAt: ago(HOUR), finishedAt: ago(HOUR - 500), ok: false },
        { job: "calendar.check", startedAt: ago(HOUR), finishedAt: ago(HOUR - 200), ok: true },
      ],
    });

    // This database's first scrape, after all the seeding: the whole-CA counts (table scans) are read now and kept five minutes.
    const s = await scrape();
    const v = (name: string, labels?: Record<string, string>) => sampleValue(s, name, labels);
    expect(v("portal_database_up")).toBe(1);
    // Certificates by CA and status: issued in total 3, one of them revoked (and in the last 24 h).
    expect([v("portal_certificates", { ca: caName, status: "ACTIVE" }), v("portal_certificates", { ca: caName, status: "REVOKED" })]).toEqual([2, 1]);
    expect(v("portal_revocations_last_24h")).toBe(1);
    // Pre-signed OCSP responses by age, the oldest, and the expired one.
    expect(Object.fromEntries(s.filter((x) => x.name === "portal_ocsp_presigned_responses").map((x) => [x.labels.age, x.value]))).toEqual({
      under_1h: 1,
      "1h_to_6h": 0,
      "6h_to_12h": 0,
      "12h_to_24h": 1,
      over_24h: 1,
    });
    expect(v("portal_ocsp_presigned_oldest_age_seconds")).toBe(25 * 3600);
    expect(v("portal_ocsp_presigned_expired")).toBe(1);
    // The CRL shard: 3 h old, 21 h to its nextUpdate, number 7.
    expect([v("portal_crl_age_seconds", { ca: caName, shard: "0" }), v("portal_crl_seconds_to_next_update", { ca: caName, shard: "0" }), v("portal_crl_number", { ca: caName, shard: "0" })]).toEqual([3 * 3600, 21 * 3600, 7]);
    // Revocation clocks by the domain's SLA states, and the most urgent one's time left (overdue: negative).
    expect([v("portal_revocation_clocks_open", { state: "ok" }), v("portal_revocation_clocks_open", { state: "dueSoon" }), v("portal_revocation_clocks_open", { state: "overdue" })]).toEqual([1, 1, 1]);
    expect(v("portal_revocation_clock_least_seconds_left")).toBe(-3600);
    expect(v("portal_revocation_requests_awaiting_confirmation")).toBe(1);
    // Outbox backlog.
    expect([v("portal_outbox_pending"), v("portal_outbox_oldest_pending_age_seconds"), v("portal_outbox_failed")]).toEqual([2, 300, 1]);
    // Jobs: runs and failures of the last 24 h, the last success, whether the last run failed.
    expect([v("portal_job_runs_last_24h", { job: "ocsp.refresh" }), v("portal_job_failures_last_24h", { job: "ocsp.refresh" }), v("portal_job_last_run_failed", { job: "ocsp.refresh" })]).toEqual([2, 1, 1]);
    expect(v("portal_job_last_success_timestamp_seconds", { job: "ocsp.refresh" })).toBe(ago(2 * HOUR - 1000).getTime() / 1000);
    expect([v("portal_job_runs_last_24h", { job: "outbox.deliver" }), v("portal_job_failures_last_24h", { job: "outbox.deliver" }), v("portal_job_last_success_timestamp_seconds", { job: "outbox.deliver" })]).toEqual([1, 1, undefined]);
    expect([v("portal_job_last_run_failed", { job: "calendar.check" }), v("portal_job_failures_last_24h", { job: "calendar.check" })]).toEqual([0, 0]);
  });

  it("counts the PKI answers that pass servePki by outcome: the OCSP status, the HTTP status otherwise", async () => {
    const count = (s: Sample[], kind: string, outcome: string) => sampleValue(s, "portal_pki_request_duration_seconds_count", { kind, outcome }) ?? 0;
    const before = await scrape();
    for (const c of certs) expect((await servePki({ kind: "ocsp", request: await requestFor(c) })).status).toBe(200);
    await servePki({ kind: "ocsp", request: Buffer.from([0x30, 0x03, 0x0a, 0x01, 0x01]) });
    await servePki({ kind: "crl", caId: caName, file: "0.crl" });
    await servePki({ kind: "crl", caId: caName, file: "999.crl" });
    const after = await scrape();
    expect(count(after, "ocsp", "good") - count(before, "ocsp", "good")).toBe(2);
    expect(count(after, "ocsp", "revoked") - count(before, "ocsp", "revoked")).toBe(1);
    expect(count(after, "ocsp", "malformedRequest") - count(before, "ocsp", "malformedRequest")).toBe(1);
    expect(count(after, "crl", "200") - count(before, "crl", "200")).toBe(1);
    expect(count(after, "crl", "404") - count(before, "crl", "404")).toBe(1);
  });

  it("the route answers the scraper with the token (text format, database read) and 404 to anyone else", async () => {
    const { GET, POST, OPTIONS } = await import("@/app/metrics/route");
    const ask = (authorization?: string) => GET(new Request("http://portal.test/metrics", { headers: authorization ? { authorization } : {} }));
    const saved = process.env.METRICS_TOKEN;
    try {
      delete process.env.METRICS_TOKEN;
      expect((await ask(`Bearer ${TOKEN}`)).status).toBe(404);
      process.env.METRICS_TOKEN = TOKEN;
      const wrong = await ask(`Bearer ${TOKEN}-not`);
      expect([wrong.status, await wrong.text()]).toEqual([404, ""]);
      // Other methods too (not a 405 with an Allow header, which would name the endpoint).
      expect([(await POST()).status, (await OPTIONS()).status]).toEqual([404, 404]);
      const res = await ask(`Bearer ${TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(res.headers.get("cache-control")).toBe("no-store");
      const s = parsePrometheusText(await res.text());
      expect(sampleValue(s, "portal_database_up")).toBe(1);
      expect(sampleValue(s, "portal_outbox_pending")).toBe(2);
    } finally {
      if (saved === undefined) delete process.env.METRICS_TOKEN;
      else process.env.METRICS_TOKEN = saved;
    }
  });
});
