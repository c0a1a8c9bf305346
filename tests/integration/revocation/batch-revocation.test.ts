// Issue 14 item 6: batch revocation of 1,000 certificates under dual control. The certificates are
// inserted as rows (real issuer, random distinct serials, shard 0), not issued one by one: signing
// 1,000 certificates would take longer than the whole batch, and the batch reads only the rows. The
// CRL the batch publishes is signed by the real CA and read back with openssl.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveRequest, requestApproval } from "@/server/approval";
import { getRevocationBatch, previewRevocationBatch, sweepRevocationBatches } from "@/server/revocation";
import { crlSerial, crlText, issueCert, openWorld, type TestCert, type World } from "./fixtures";

let w: World;
let admin2: string;
beforeAll(async () => {
  w = await openWorld(new Date("2026-03-02T02:00:00Z"));
  admin2 = (await w.db.prisma.user.create({ data: { email: "admin2@example.test", passwordHash: "x", roles: ["CA_ADMIN"], emailVerifiedAt: w.clock.now() } })).id;
});
afterAll(async () => {
  await w?.close();
});

const as2 = () => ({ ...w.as("admin"), actor: { userId: admin2, roles: ["CA_ADMIN" as const] } });

/** n certificate rows on the issuing CA of `like` (its issuer, profile and validity), serials random and distinct. */
async function insertRows(like: TestCert, n: number, subscriber: (i: number) => string, key?: string): Promise<string[]> {
  const model = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: like.id } });
  const serials = Array.from({ length: n }, () => "7" + randomBytes(16).toString("hex").slice(1));
  await w.db.prisma.certificate.createMany({
    data: serials.map((serialHex, i) => ({
      issuerId: model.issuerId,
      serialHex,
      subjectDn: `CN=批量测试 ${i}`,
      subjectDer: model.subjectDer,
      publicKeySha256: key ?? randomBytes(32).toString("hex"),
      notBefore: model.notBefore,
      notAfter: model.notAfter,
      der: model.der,
      status: "ACTIVE" as const,
      subscriberUserId: subscriber(i),
      profileId: model.profileId,
      crlShard: 0,
      keyGeneration: "CLIENT_CSR" as const,
    })),
  });
  return serials;
}

// 300 in `npm test` (several chunks, every count checked); `npm run test:batch-1000` runs the
// thousand the issue names, which costs about 50 s on PGlite and 35 s on PostgreSQL.
const COUNT = Number(process.env.BATCH_REVOCATION_COUNT ?? 300);
const CHUNK = Math.min(250, Math.ceil(COUNT / 4));

describe("batch revocation (issue 14 item 6)", () => {
  it(`previews a pasted list, waits for a second administrator, revokes ${COUNT} certificates in chunks, and publishes them all in the CRL`, async () => {
    const model = await issueCert(w, { user: "alice" });
    const serials = await insertRows(model, COUNT, (i) => w.users[i % 2 ? "alice" : "bob"]!.id);
    const [own] = await insertRows(model, 1, () => w.users.admin!.id);
    const [gone] = await insertRows(model, 1, () => w.users.bob!.id);
    const goneRow = await w.db.prisma.certificate.update({ where: { issuerId_serialHex: { issuerId: (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: model.id } })).issuerId, serialHex: gone! } }, data: { revokedAt: w.clock.now(), revocationReason: "SUPERSEDED", status: "REVOKED" } });
    await w.db.prisma.revocation.create({ data: { certificateId: goneRow.id, reasonCode: "SUPERSEDED", revokedAt: w.clock.now() } });
    w.clock.advance(60_000);

    // Typed the way tools print serials: upper case, colons, a 0x prefix; an unknown one and a line that is none.
    const pasted = [
      ...serials.map((s, i) => (i % 3 === 0 ? s.toUpperCase() : i % 3 === 1 ? `0x${s}` : s.match(/../g)!.join(":"))),
      own,
      gone,
      "deadbeefdeadbeef",
      "不是序列号",
      serials[0], // the same serial twice counts once
    ].join("\n");
    const selection = { by: "SERIALS" as const, serials: pasted };
    const preview = await previewRevocationBatch(w.as("admin"), { selection, ground: "USE_OUTSIDE_PURPOSE" });
    expect(preview).toMatchObject({ total: COUNT + 2, alreadyRevoked: 1, conflicts: 1, toRevoke: COUNT, reason: "PRIVILEGE_WITHDRAWN", unknownSerials: ["deadbeefdeadbeef"], invalidLines: ["不是序列号"] });
    expect(preview.conflictSerials).toEqual([own]);
    expect(preview.sample).toHaveLength(20);
    await expect(previewRevocationBatch(w.as("officer"), { selection, ground: "USE_OUTSIDE_PURPOSE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(previewRevocationBatch(w.as("admin"), { selection: { by: "SERIALS", serials: "1\n".repeat(10_001) }, ground: "USE_OUTSIDE_PURPOSE" })).rejects.toMatchObject({ code: "REVOCATION_BATCH_TOO_MANY_LINES" });

    const payload = { selection, ground: "USE_OUTSIDE_PURPOSE", explanation: "证书被批量用于申请范围以外的交易平台", asOf: preview.asOf, expectedTotal: preview.total };
    const asked = await requestApproval(w.as("admin"), { kind: "BATCH_REVOCATION", payload });
    expect(asked.status).toBe("PENDING");
    // Nothing happens before the second administrator: no batch, nothing revoked; the requester cannot approve.
    await expect(approveRequest(w.as("admin"), { requestId: asked.id })).rejects.toMatchObject({ code: expect.stringMatching(/^APPROVAL_/) });
    expect(await w.db.prisma.revocationBatch.count()).toBe(0);
    expect(await w.db.prisma.revocation.count()).toBe(1);

    const approved = await approveRequest(as2(), { requestId: asked.id });
    expect(approved.status).toBe("EXECUTED");
    const batch = await w.db.prisma.revocationBatch.findFirstOrThrow({ where: { approvalId: asked.id } });
    expect(batch).toMatchObject({ status: "RUNNING", total: COUNT + 2, done: 0, skipped: 1, failed: 1, requestedById: w.users.admin!.id, reason: "PRIVILEGE_WITHDRAWN" });

    // The approval starts a run at once (after its commit); the job's lease lets one run work the
    // batch, so this loop either does the work itself or waits for that run to finish.
    const started = Date.now();
    while ((await w.db.prisma.revocationBatch.findUniqueOrThrow({ where: { id: batch.id } })).status !== "DONE") {
      if (Date.now() - started > 150_000) throw new Error("batch not done in 150 s");
      if (!(await sweepRevocationBatches(w.db.prisma, w.clock, { chunk: CHUNK }))) await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    // Progress moved in committed chunks (of 100 from the approval's run, CHUNK from this loop), each recorded with what was handled so far.
    const progress = (await w.db.prisma.auditEvent.findMany({ where: { action: "revocation.batch-progressed", subjectId: batch.id }, orderBy: { seq: "asc" } })).map((e) => (e.summary as { done: number }).done);
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(COUNT + 2);
    progress.forEach((d, i) => expect(d - (i === 0 ? 2 : progress[i - 1]!)).toBeGreaterThan(0));
    progress.forEach((d, i) => expect(d - (i === 0 ? 2 : progress[i - 1]!)).toBeLessThanOrEqual(Math.max(100, CHUNK)));

    const done = await getRevocationBatch(w.as("admin"), { batchId: batch.id });
    expect(done).toMatchObject({ status: "DONE", total: COUNT + 2, done: COUNT, skipped: 1, failed: 1, handled: COUNT + 2 });
    expect(done.failures).toEqual([expect.objectContaining({ serialHex: own, failure: "CONFLICT_OF_INTEREST" })]);
    // Separation of duties: the administrator's own certificate is not revoked.
    expect((await w.db.prisma.certificate.findFirstOrThrow({ where: { serialHex: own } })).revokedAt).toBeNull();

    // Each certificate its own Revocation and audit event naming the batch; each subscriber told.
    expect(await w.db.prisma.revocation.count({ where: { reasonCode: "PRIVILEGE_WITHDRAWN" } })).toBe(COUNT);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "revocation.revoked-by-ca", summary: { path: ["batchId"], equals: batch.id } } })).toBe(COUNT);
    expect(await w.db.prisma.notification.count({ where: { template: "revocation.revoked-by-ca" } })).toBe(COUNT);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "revocation.batch-finished", subjectId: batch.id } })).toBe(1);

    // Published once at the end: every serial is in the CRL the CA signed.
    const crl = await crlText(w, model);
    expect(crl).toContain("verify OK");
    const listed = new Set([...crl.matchAll(/Serial Number: ([0-9A-F]+)/g)].map((m) => m[1]));
    expect(serials.filter((s) => !listed.has(crlSerial(s)))).toEqual([]);
    expect(listed.has(crlSerial(own!))).toBe(false);
    console.log(`batch of ${COUNT}: ${seconds.toFixed(1)} s on ${process.env.TEST_DB ?? "pglite"}`);

    // A second run finds nothing to do.
    expect(await sweepRevocationBatches(w.db.prisma, w.clock, { chunk: CHUNK })).toMatchObject({ batches: 0, chunks: 0 });
  }, 180_000);

  it("a keyCompromise batch revokes the other certificates on each key and blocks the key", async () => {
    const model = await issueCert(w, { user: "alice" });
    const key = randomBytes(32).toString("hex");
    const [named, other] = await insertRows(model, 2, (i) => w.users[i ? "bob" : "alice"]!.id, key);
    w.clock.advance(60_000);
    const selection = { by: "SERIALS" as const, serials: named! };
    const preview = await previewRevocationBatch(w.as("admin"), { selection, ground: "KEY_COMPROMISED" });
    expect(preview).toMatchObject({ total: 1, toRevoke: 1, reason: "KEY_COMPROMISE" });
    const asked = await requestApproval(w.as("admin"), { kind: "BATCH_REVOCATION", payload: { selection, ground: "KEY_COMPROMISED", explanation: "这批证书的私钥随备份磁盘一同遗失", asOf: preview.asOf, expectedTotal: 1 } });
    await approveRequest(as2(), { requestId: asked.id });
    const batch = await w.db.prisma.revocationBatch.findFirstOrThrow({ where: { approvalId: asked.id } });
    while ((await w.db.prisma.revocationBatch.findUniqueOrThrow({ where: { id: batch.id } })).status !== "DONE") {
      if (!(await sweepRevocationBatches(w.db.prisma, w.clock))) await new Promise((r) => setTimeout(r, 200));
    }
    const otherRow = await w.db.prisma.certificate.findFirstOrThrow({ where: { serialHex: other! }, include: { revocation: true } });
    expect(otherRow).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
    expect(await w.db.prisma.blockedKey.findUniqueOrThrow({ where: { spkiSha256: key } })).toMatchObject({ source: "BATCH_REVOCATION" });
    const cascaded = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.key-compromise-cascaded", subjectId: otherRow.id } });
    expect(cascaded.summary).toMatchObject({ batchId: batch.id, triggerSerialHex: named });
    // The cascaded certificate is published with the batch too.
    expect(await crlText(w, model)).toContain(crlSerial(other!));
  }, 120_000);
  it("an approval runs only the batch that was previewed: a selection pinned after the request, or grown past the confirmed count, fails with nothing revoked", async () => {
    const model = await issueCert(w, { user: "alice" });
    const key = randomBytes(32).toString("hex");
    const [first] = await insertRows(model, 1, () => w.users.bob!.id, key);
    w.clock.advance(60_000);
    const selection = { by: "KEY" as const, spkiSha256: key };
    const preview = await previewRevocationBatch(w.as("admin"), { selection, ground: "USE_OUTSIDE_PURPOSE" });
    expect(preview).toMatchObject({ total: 1 });
    const explanation = "这把密钥下的证书被用于申请范围以外的用途";
    // asOf is the requester's to send: one in the future would take in what is issued while the request waits.
    const future = await requestApproval(w.as("admin"), { kind: "BATCH_REVOCATION", payload: { selection, ground: "USE_OUTSIDE_PURPOSE", explanation, asOf: new Date(w.clock.now().getTime() + 86_400_000), expectedTotal: 1 } });
    // A certificate on the key appears after the preview: two would be revoked where the approvers read one.
    const grown = await requestApproval(w.as("admin"), { kind: "BATCH_REVOCATION", payload: { selection, ground: "USE_OUTSIDE_PURPOSE", explanation, asOf: preview.asOf, expectedTotal: 1 } });
    await insertRows(model, 1, () => w.users.bob!.id, key);
    w.clock.advance(60_000);
    expect(await approveRequest(as2(), { requestId: future.id })).toMatchObject({ status: "FAILED", failure: "REVOCATION_BATCH_CHANGED" });
    expect(await approveRequest(as2(), { requestId: grown.id })).toMatchObject({ status: "FAILED", failure: "REVOCATION_BATCH_CHANGED" });
    expect(await w.db.prisma.revocationBatch.count({ where: { approvalId: { in: [future.id, grown.id] } } })).toBe(0);
    expect(await w.db.prisma.certificate.findFirstOrThrow({ where: { serialHex: first! } })).toMatchObject({ status: "ACTIVE", revokedAt: null });
  }, 60_000);
});
