// Issue 13 items 5 and 6 at the server: a hold released only on the officer's decision (the
// holder's declaration shown to the officer; a rejection keeps the hold; a revoked certificate,
// or one with a revocation open, never released), and revocation proven by the certificate's key
// (compliant at once; a failed proof refused with only its audit event written).
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { getRevocationCase } from "@/server/revocation/get-revocation-case";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";
import { issueRevocationChallenge } from "@/server/revocation/issue-revocation-challenge";
import { rejectRevocationRequest } from "@/server/revocation/reject-revocation-request";
import { reportLoss } from "@/server/revocation/report-loss";
import { requestHoldRelease } from "@/server/revocation/request-hold-release";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { issueCert, ocspAnswer, openWorld, signWithKey, type TestCert, type World } from "./fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});

const tick = (s = 1) => w.clock.advance(s * 1000);
const code = (p: Promise<unknown>) => p.then(() => "OK", (e: { code?: string }) => e.code ?? String(e));
/** Everything a refused call could have written: requests, certificate row, audit events, mail. */
const footprint = async (c: TestCert) => ({
  requests: await w.db.prisma.revocationRequest.count({ where: { certificateId: c.id } }),
  cert: await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, select: { status: true, holdAt: true, revokedAt: true } }),
  audit: await w.db.prisma.auditEvent.count(),
  mail: await w.db.prisma.notification.count(),
});
async function suspended(user: string): Promise<TestCert> {
  const c = await issueCert(w, { user });
  tick();
  await reportLoss(w.as(user), { certificateId: c.id, note: "U盾丢失" });
  tick();
  return c;
}

describe("hold release: the holder declares, the officer decides", () => {
  it("a release without the declaration is refused and writes nothing", async () => {
    const c = await suspended("alice");
    const before = await footprint(c);
    expect(await code(requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "在办公室抽屉里找到了", keyNotShared: false }))).toBe("HOLD_RELEASE_DECLARATION_REQUIRED");
    expect(await code(requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "   ", keyNotShared: true }))).toBe("HOLD_RELEASE_DECLARATION_REQUIRED");
    expect(await code(requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "x".repeat(2001), keyNotShared: true }))).toBe("VALIDATION_FAILED");
    expect(await footprint(c)).toEqual(before);
  });

  it("request -> officer sees the declaration -> confirm: OCSP good only after the decision", async () => {
    const c = await suspended("alice");
    const req = await requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "在办公室抽屉里找到了", keyNotShared: true });
    expect(req).toMatchObject({ kind: "HOLD_RELEASE", status: "RECEIVED", times: { receivedAt: w.clock.now().toISOString(), compliantAt: null } });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.hold-release-requested", subjectId: req.id } });
    // The words stay on the request (erasable); the trail holds their hash only.
    expect(audit.summary).toMatchObject({ certificateId: c.id, keyFoundHowSha256: createHash("sha256").update("在办公室抽屉里找到了", "utf8").digest("hex"), keyNotSharedDeclared: true });
    expect(JSON.stringify(audit.summary)).not.toContain("在办公室抽屉里找到了");
    // The holder's page: still suspended, release no longer offered twice.
    const mine = await getMyCertificate(w.as("alice"), { certificateId: c.id });
    expect(mine.status).toBe("SUSPENDED");
    expect(await code(requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "again", keyNotShared: true }))).toBe("REVOCATION_REQUEST_OPEN");
    // The request alone changes nothing a relying party sees.
    expect(await ocspAnswer(w, c)).toMatch(/Reason: certificateHold/);

    const officerView = await getRevocationCase(w.as("officer"), { requestId: req.id });
    expect(officerView.note).toBe("在办公室抽屉里找到了");
    expect(officerView.holderDeclaration).toEqual({ keyFoundHow: "在办公室抽屉里找到了", keyNotShared: true });
    expect(officerView.can.confirm.ok && officerView.can.reject.ok).toBe(true);
    tick();
    await confirmRevocationRequest(w.as("officer"), { requestId: req.id, identityCheck: "柜台核验身份证原件" });
    const ocsp = await ocspAnswer(w, c);
    expect(ocsp).toContain("Response verify OK");
    expect(ocsp).toMatch(/: good/);
    expect(await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "ACTIVE", holdAt: null });
    expect((await getMyCertificate(w.as("alice"), { certificateId: c.id })).can.releaseHold.ok).toBe(false);
  });

  it("the officer's rejection keeps the hold; the holder may ask again", async () => {
    const c = await suspended("bob");
    const heldAt = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).holdAt;
    const req = await requestHoldRelease(w.as("bob"), { certificateId: c.id, note: "朋友送回来的", keyNotShared: true });
    tick();
    await rejectRevocationRequest(w.as("officer"), { requestId: req.id, reason: "回拨登记电话无人接听，无法核实身份" });
    expect(await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: req.id } })).toMatchObject({ status: "REJECTED" });
    expect(await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).toMatchObject({ status: "SUSPENDED", holdAt: heldAt });
    expect(await ocspAnswer(w, c)).toMatch(/Reason: certificateHold/);
    const again = await getMyCertificate(w.as("bob"), { certificateId: c.id });
    expect(again.can.releaseHold.ok).toBe(true);
    expect(await code(requestHoldRelease(w.as("bob"), { certificateId: c.id, note: "朋友送回来的", keyNotShared: true }))).toBe("OK");
  });

  it("never while a revocation is open, never once revoked (keyCompromise above all): refused, nothing written", async () => {
    const c = await suspended("alice");
    const release = await requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "找到了", keyNotShared: true });
    const { challenge } = await issueRevocationChallenge(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    const revocation = await requestRevocation(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) } });
    // The release asked before the key-signed revocation cannot be confirmed now: the key may be compromised.
    let before = await footprint(c);
    expect(await code(confirmRevocationRequest(w.as("officer"), { requestId: release.id, identityCheck: "柜台核验身份证原件" }))).toBe("HOLD_RELEASE_REVOCATION_PENDING");
    expect(await footprint(c)).toEqual(before);

    tick();
    await carryOutRevocation(w.as("officer"), { requestId: revocation.id });
    expect(await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: release.id } })).toMatchObject({ status: "REJECTED" });
    const page = await getMyCertificate(w.as("alice"), { certificateId: c.id });
    expect(page).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
    expect(page.can.releaseHold).toEqual({ ok: false, reason: "CERT_REVOKED" });
    before = await footprint(c);
    const refused = await requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "又找到了", keyNotShared: true }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "HOLD_RELEASE_REVOKED" });
    expect(await footprint(c)).toEqual(before);
    expect(await ocspAnswer(w, c)).toMatch(/Reason: keyCompromise/);
  });
});

describe("revocation proven by the certificate's key", () => {
  it("a valid signature: compliant at once, the 24-hour clock from that instant, the receipt says so", async () => {
    const c = await issueCert(w, { user: "bob" });
    tick();
    const { challenge } = await issueRevocationChallenge(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    tick(30); // the subscriber takes a while to sign: the clock starts when the signed request arrives
    const now = w.clock.now();
    const req = await requestRevocation(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) } });
    const row = await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(row).toMatchObject({ status: "COMPLIANT", confirmationMethod: "KEY_SIGNATURE", receivedAt: now, compliantAt: now, dueAt: new Date(now.getTime() + 24 * 3_600_000), confirmedById: null });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.requested", subjectId: req.id } });
    expect(audit.summary).toMatchObject({ compliant: true, confirmationMethod: "KEY_SIGNATURE" });
    tick();
    const receipt = JSON.parse((await getRevocationReceipt(w.as("bob"), { requestId: req.id })).json) as { request: { status: string; confirmationMethod: string; times: Record<string, string | null> } };
    expect(receipt.request).toMatchObject({ status: "COMPLIANT", confirmationMethod: "KEY_SIGNATURE" });
    expect(receipt.request.times).toEqual({ receivedAt: now.toISOString(), compliantAt: now.toISOString(), dueAt: new Date(now.getTime() + 24 * 3_600_000).toISOString(), doneAt: null });
    // Nothing for the officer to confirm: only carrying out remains.
    const officer = await getRevocationCase(w.as("officer"), { requestId: req.id });
    expect(officer.can.confirm.ok).toBe(false);
    expect(officer.can.carryOut.ok).toBe(true);
  });

  it("a forged or wrong-key signature, a challenge replayed for another certificate or reason: refused, only the audit event written", async () => {
    const c = await issueCert(w, { user: "alice" });
    const other = await issueCert(w, { user: "alice" });
    const { challenge } = await issueRevocationChallenge(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    const attempts: Array<{ cert: TestCert; reason: "KEY_COMPROMISE" | "AFFILIATION_CHANGED"; signature: string; refusal: string }> = [
      // signed with another certificate's key
      { cert: c, reason: "KEY_COMPROMISE", signature: signWithKey(w, other.keyFile, challenge), refusal: "REVOCATION_SIGNATURE_INVALID" },
      // random bytes, and not base64 at all
      { cert: c, reason: "KEY_COMPROMISE", signature: Buffer.alloc(72, 7).toString("base64"), refusal: "REVOCATION_SIGNATURE_INVALID" },
      { cert: c, reason: "KEY_COMPROMISE", signature: "not a signature!", refusal: "REVOCATION_SIGNATURE_INVALID" },
      // the token and a good signature, replayed for another reason and for another certificate
      { cert: c, reason: "AFFILIATION_CHANGED", signature: signWithKey(w, c.keyFile, challenge), refusal: "REVOCATION_CHALLENGE_INVALID" },
      { cert: other, reason: "KEY_COMPROMISE", signature: signWithKey(w, other.keyFile, challenge), refusal: "REVOCATION_CHALLENGE_INVALID" },
    ];
    for (const a of attempts) {
      const before = await footprint(a.cert);
      const got = await code(requestRevocation(w.as("alice"), { certificateId: a.cert.id, reason: a.reason, keySignature: { challenge, signature: a.signature } }));
      expect(got).toBe(a.refusal);
      const after = await footprint(a.cert);
      expect(after).toEqual({ ...before, audit: before.audit + 1 });
      const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "revocation.key-proof-refused", subjectId: a.cert.id }, orderBy: { seq: "desc" } });
      expect(event).toMatchObject({ actorId: w.users.alice!.id, summary: { serialHex: a.cert.serialHex, reason: a.reason, refusal: a.refusal } });
    }
    // A stranger's attempt is answered NOT_FOUND before any proof is looked at: nothing recorded about a certificate they cannot see.
    const audits = await w.db.prisma.auditEvent.count();
    expect(await code(requestRevocation(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) } }))).toBe("NOT_FOUND");
    expect(await w.db.prisma.auditEvent.count()).toBe(audits);
    // The genuine proof still works afterwards.
    expect(await code(requestRevocation(w.as("alice"), { certificateId: c.id, reason: "KEY_COMPROMISE", keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) } }))).toBe("OK");
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
