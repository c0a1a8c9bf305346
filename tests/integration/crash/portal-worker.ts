// Child process of crash-safety.test.ts: the portal without its HTTP layer. It starts exactly as
// the server does (bootstrap start(): migrations, seeds, CA hierarchy, scheduler, outbox), prints
// ready, then timestamps (/pki/tsa's handler), issues (the RA's use case) and revokes (the CA
// administrator's use case) concurrently until it is killed with SIGKILL. Every result a client
// would have received is printed as one JSON line the moment the call returns (stdout to a pipe
// is synchronous on Linux, so a printed line was handed out before any later kill).
//
//   node --import tsx portal-worker.ts work      start, then work until killed
//   node --import tsx portal-worker.ts start     start (recovering whatever a kill left), then exit cleanly
//   node --import tsx portal-worker.ts migrate   only apply the migrations (src/db/migrations.ts), then exit
// (the test runs it as this run's bundle of this file, tests/setup/cli-bundles.ts, or as above when there is none)
//
// The environment (DATA_DIR, DATABASE_URL, ...) is the portal's own, set by the test.
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { bool, children, integer, octetString, oid, raw, readRoot, seq } from "@/ca/asn1/der";
import { OID } from "@/ca/asn1/oids";
import { settings } from "@/config/settings";
import { applyMigrations, closeDatabase, getDatabase } from "@/db";
import { pgConnection, pgliteConnection } from "@/db/connections";
import type { PrismaClient, Role } from "@/generated/prisma/client";
import { start } from "@/server/bootstrap";
import { serveOcsp, serveTimestamp, wireContext } from "@/server/ca-service";
import { issueCertificate } from "@/server/certificate";
import { systemClock, type Actor, type ServiceContext } from "@/server/core";
import { revokeByCa } from "@/server/revocation";
import { insertApplicationRow } from "@/testing/fixtures/application-row";
import { throwawayCsrDer } from "@/testing/fixtures/throwaway-csr";
import { ocspRequest } from "@/testing/fixtures/ocsp-probe";
import { approvedAs } from "../support/approval";

// Ends with the test that started it (as scripts/parent-guard.cjs does for the server): a worker
// outliving a killed test run would keep a PGlite folder open and the machine busy.
if (process.send) {
  process.on("disconnect", () => process.kill(process.pid, "SIGKILL"));
  process.channel?.unref();
}

const mode = process.argv[2];
const say = (line: Record<string, unknown>) => process.stdout.write(JSON.stringify(line) + "\n");

if (mode === "migrate") {
  // The runner openDatabase uses, on the connection it uses; "migrating" marks the moment the
  // connection is open (PGlite's own start-up is not what is tested), so kills land in the migrations.
  const url = settings().databaseUrl;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    say({ op: "migrating" });
    await applyMigrations(pgConnection(client), { onWarning: () => undefined });
    await client.end();
  } else {
    const pglite = await PGlite.create(path.join(settings().dataDir, "pglite"));
    say({ op: "migrating" });
    await applyMigrations(pgliteConnection(pglite), { onWarning: () => undefined });
    await pglite.close();
  }
  say({ op: "migrated" });
  process.exit(0);
}

await start();
const { prisma } = await getDatabase();
if (mode === "start") {
  await closeDatabase();
  say({ op: "started" });
  process.exit(0);
}
if (mode !== "work") throw new Error(`usage: portal-worker work|start|migrate (got ${mode})`);

/** Staff and a subscriber of the test's own (upserted: the kill may come between any two runs). */
async function account(db: PrismaClient, email: string, roles: Role[]): Promise<Actor> {
  const u = await db.user.upsert({ where: { email }, create: { email, passwordHash: "x", roles, emailVerifiedAt: new Date() }, update: {} });
  return { userId: u.id, roles };
}
const officer = await account(prisma, "crash-officer@example.test", ["RA_OFFICER"]);
const admin = await account(prisma, "crash-admin@example.test", ["CA_ADMIN"]);
const subscriber = await account(prisma, "crash-subscriber@example.test", ["SUBSCRIBER"]);
const profile = await prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
const as = (actor: Actor): ServiceContext =>
  wireContext({ db: prisma, clock: systemClock, actor, meta: { ip: "127.0.0.1", userAgent: "crash-worker" } });
say({ op: "ready", uptimeMs: Math.round(process.uptime() * 1000) });

/** A TimeStampReq for a random SHA-256 hash, as a client's /pki/tsa POST body. */
async function timestampOnce() {
  const hashed = randomBytes(32);
  const body = seq(integer(1), seq(seq(oid(OID.sha256)), octetString(hashed)), bool(true));
  const r = await serveTimestamp(prisma, body, "application/timestamp-query");
  const der = Buffer.from(r.body);
  const [status, token] = children(der, readRoot(der));
  if (r.status !== 200 || !token || raw(der, status!).toString("hex") !== "3003020100") throw new Error(`TSA answered ${r.status} without a token`);
  say({ op: "tsa", hashedMessageHex: hashed.toString("hex"), tokenSha256: createHash("sha256").update(raw(der, token)).digest("hex") });
}

/** An approved application (set up directly, as the RA would have left it), then the officer issues. */
async function issueOnce() {
  const { applicationId } = await insertApplicationRow(prisma, {
    applicantId: subscriber.userId,
    profileId: profile.id,
    identity: { legalName: "崩溃测试", verifiedAt: new Date(), verifiedById: officer.userId },
    status: "APPROVED",
    subjectDetails: { usageScope: { kind: "平台", name: "电子政务平台" } },
    keyGeneration: "CLIENT_CSR",
    csrDer: throwawayCsrDer("crash"),
  });
  const r = await issueCertificate(as(officer), { applicationId });
  say({ op: "issue", applicationId, certificateId: r.certificateId, serialHex: r.serialHex });
  // A relying party asks OCSP about it, so a pre-signed "good" response is recorded that the revocation must replace.
  const issuer = await prisma.certificate.findUniqueOrThrow({ where: { id: r.certificateId }, select: { issuer: { select: { certificateDer: true } } } });
  const ocsp = await serveOcsp(prisma, ocspRequest(issuer.issuer.certificateDer, r.serialHex));
  if (ocsp.status !== 200) throw new Error(`OCSP answered ${ocsp.status}`);
}

/** The CA administrator revokes the oldest issued, unrevoked certificate (if there is one). */
async function revokeOnce() {
  const victim = await prisma.certificate.findFirst({ where: { revokedAt: null, applicationId: { not: null } }, orderBy: { createdAt: "asc" }, select: { id: true, serialHex: true } });
  if (!victim) return false;
  const r = await revokeByCa(approvedAs(as(admin), "CA_REVOCATION"), { certificateId: victim.id, ground: "BREACH_OF_OBLIGATIONS", explanation: "crash-safety test: revoked while being killed" });
  say({ op: "revoke", certificateId: victim.id, serialHex: victim.serialHex, alreadyRevoked: r.alreadyRevoked, published: r.published });
  return true;
}

/** Runs fn again and again; a short pause between calls keeps one kind of work from crowding out the others. */
async function forever(fn: () => Promise<unknown>, pauseMs: number) {
  for (;;) {
    try {
      await fn();
      await new Promise((r) => setTimeout(r, pauseMs));
    } catch (e) {
      say({ op: "error", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

void forever(timestampOnce, 10);
void forever(issueOnce, 0);
void forever(revokeOnce, 20);
