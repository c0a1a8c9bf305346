// Status changes reach every instance (issue 16): the trigger "Certificate_status_notify" announces
// every change of what OCSP answers, at commit and for no rolled-back change, and
// listenForStatusChanges makes a second instance (here a second Prisma client on the same
// database, with its own CA service and OCSP cache, as a second process has) answer the new status
// at once, again after its session was cut. On PGlite the listener is a no-op.
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, postgresUrlOf, type Database } from "@/db";
import { getCaService, listenForStatusChanges, registerCaConfig, STATUS_CHANNEL, STATUS_LISTENER_APPLICATION_NAME, type CaService } from "@/server/ca-service";
import { reportLoss } from "@/server/revocation/report-loss";
import { BASE_URL, caFiles, issueCert, openWorld, openssl, type TestCert, type World } from "../revocation/fixtures";
import { testDbKind } from "../support/test-db";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});

/** What this CA service's responder answers for the certificate, as openssl reads it. */
async function answerOf(ca: CaService, c: TestCert): Promise<string> {
  const { issuer, root } = await caFiles(w);
  const reqFile = w.tmp.file(`req-${Math.random().toString(36).slice(2)}.der`);
  execFileSync("openssl", ["ocsp", "-issuer", issuer, "-cert", c.certFile, "-no_nonce", "-reqout", reqFile], { stdio: "pipe" });
  const res = await ca.ocsp.handleRequest(readFileSync(reqFile));
  const respFile = w.tmp.file(`resp-${Math.random().toString(36).slice(2)}.der`, res.body);
  return openssl(["ocsp", "-respin", respFile, "-issuer", issuer, "-cert", c.certFile, "-CAfile", root, "-verify_other", issuer, "-resp_text"]).out;
}

/** Polls until the answer shows the hold, or the bound passes; returns the milliseconds it took. */
async function heldWithin(ca: CaService, c: TestCert, boundMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (/Reason: certificateHold/.test(await answerOf(ca, c))) return Date.now() - t0;
    if (Date.now() - t0 > boundMs) throw new Error(`still not held after ${boundMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(testDbKind() !== "pglite")("status announcements on PGlite", () => {
  it("listens to nothing: one process, whose own changes re-sign in the use case", async () => {
    expect(postgresUrlOf(w.db.prisma)).toBeUndefined();
    const listener = await listenForStatusChanges(w.db.prisma);
    // The trigger exists here too and is harmless: a hold goes through.
    const c = await issueCert(w, { user: "alice" });
    await reportLoss(w.as("alice"), { certificateId: c.id, note: "PGlite" });
    expect(await answerOf(await getCaService(w.db.prisma), c)).toMatch(/Reason: certificateHold/);
    await listener.close();
  });
});

describe.skipIf(testDbKind() !== "postgres")("status announcements on PostgreSQL", () => {
  let url: string;
  let probe: pg.Client;
  const heard: string[] = [];
  let b: Database;
  let caB: CaService;

  beforeAll(async () => {
    url = postgresUrlOf(w.db.prisma)!;
    probe = new pg.Client({ connectionString: url });
    await probe.connect();
    probe.on("notification", (m) => m.channel === STATUS_CHANNEL && heard.push(m.payload ?? ""));
    await probe.query(`LISTEN ${STATUS_CHANNEL}`);
    // Instance B: its own client, CA service and OCSP cache, on the same database.
    b = await openDatabase({ databaseUrl: url });
    registerCaConfig(b.prisma, { dataDir: w.tmp.dir, baseUrl: BASE_URL, embeddedDefault: true, families: ["ec"], crlShards: 1, clock: w.clock });
    caB = await getCaService(b.prisma);
  });
  afterAll(async () => {
    await probe?.end();
    await b?.close();
  });

  const heardNow = async (n: number) => {
    const t0 = Date.now();
    while (heard.length < n && Date.now() - t0 < 2_000) await new Promise((r) => setTimeout(r, 20));
    return heard.splice(0);
  };

  it("announces a status change at commit, whatever made it, and nothing else", async () => {
    const c = await issueCert(w, { user: "alice" });
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, select: { issuerId: true } });
    const payload = `${row.issuerId}/${c.serialHex}`;
    expect(await heardNow(1)).toEqual([]); // issuance: nobody can hold a response of a new serial
    // A use case (hold by the subscriber).
    await reportLoss(w.as("alice"), { certificateId: c.id, note: "U盾丢失" });
    expect(await heardNow(1)).toEqual([payload]);
    // Another column: not announced.
    await w.db.prisma.certificate.update({ where: { id: c.id }, data: { mailTrackingNo: "SF123" } });
    // A rolled-back revocation: never announced.
    await expect(
      w.db.prisma.$transaction(async (tx) => {
        await tx.certificate.update({ where: { id: c.id }, data: { revokedAt: new Date(), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    // A plain write outside the use cases (as the CLI or an operator's SQL would): announced.
    await w.db.prisma.$executeRaw`UPDATE "Certificate" SET "holdAt" = NULL WHERE "id" = ${c.id}`;
    expect(await heardNow(1)).toEqual([payload]);
  });

  it("makes instance B answer a hold made on A at once, and again after B's session was cut", async () => {
    const [c1, c2, c3] = [await issueCert(w, { user: "alice" }), await issueCert(w, { user: "bob" }), await issueCert(w, { user: "alice" })];
    // B's cache is warm: it answers good from its pre-signed responses (valid for hours).
    for (const c of [c1, c2, c3]) expect(await answerOf(caB, c)).toMatch(/: good/);

    // Without a listener B keeps its pre-signed good answer: the per-minute sweep would correct it.
    await reportLoss(w.as("bob"), { certificateId: c2.id, note: "no listener" });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await answerOf(caB, c2)).toMatch(/: good/);

    const listener = await listenForStatusChanges(b.prisma);
    try {
      await reportLoss(w.as("alice"), { certificateId: c1.id, note: "U盾丢失" });
      expect(await heldWithin(caB, c1, 2_000)).toBeLessThanOrEqual(2_000);

      // The session is cut (server restart, network): B reconnects and sweeps what it missed.
      const cut = await probe.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [STATUS_LISTENER_APPLICATION_NAME]);
      expect(cut.rows).toHaveLength(1);
      await reportLoss(w.as("alice"), { certificateId: c3.id, note: "while cut" });
      await heldWithin(caB, c3, 5_000);
      // The sweep after the reconnection also caught the change made before B listened.
      expect(await answerOf(caB, c2)).toMatch(/Reason: certificateHold/);
      const back = await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [STATUS_LISTENER_APPLICATION_NAME]);
      expect(back.rows[0].n).toBe(1);
    } finally {
      await listener.close();
    }
    const gone = await probe.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`, [STATUS_LISTENER_APPLICATION_NAME]);
    expect(gone.rows[0].n).toBe(0);
  });
});
