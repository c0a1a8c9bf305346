// Hold -> release and hold -> revoke as relying parties see them: the CA service's OCSP responder
// and the published CRL, both judged by openssl; and the signed, timestamped receipt.
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caOf } from "@/server/ca-service/wire-context";
import { verifyAuditChain } from "@/server/core/audit";
import { carryOutRevocation } from "@/server/revocation/carry-out-revocation";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { getRevocationReceipt } from "@/server/revocation/get-revocation-receipt";
import { listRevocationRequests } from "@/server/revocation/list-revocation-requests";
import { issueRevocationChallenge } from "@/server/revocation/issue-revocation-challenge";
import { reportLoss } from "@/server/revocation/report-loss";
import { requestHoldRelease } from "@/server/revocation/request-hold-release";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { pem } from "../certificate/pki-helpers";
import { caFiles, crlSerial, crlText, issueCert, ocspAnswer, openWorld, openssl, signWithKey, type TestCert, type World } from "./fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});

const tick = (s = 1) => w.clock.advance(s * 1000);

describe("hold -> release (loss report, key found again)", () => {
  let c: TestCert;
  it("a loss report suspends at once: OCSP answers certificateHold and the CRL lists the serial", async () => {
    c = await issueCert(w, { user: "alice" });
    expect(await ocspAnswer(w, c)).toMatch(/: good/);
    tick();
    const reportedAt = w.clock.now();
    const r = await reportLoss(w.as("alice"), { certificateId: c.id, note: "U盾丢失" });
    expect(r.published).toBe(true);
    expect(r.request).toMatchObject({ kind: "LOSS_REPORT", status: "DONE", reason: "CERTIFICATE_HOLD", times: { receivedAt: reportedAt.toISOString() } });
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: "SUSPENDED", holdAt: reportedAt });

    const ocsp = await ocspAnswer(w, c);
    expect(ocsp).toContain("Response verify OK");
    expect(ocsp).toMatch(/: revoked/);
    expect(ocsp).toMatch(/Reason: certificateHold/);
    const crl = await crlText(w, c);
    expect(crl).toContain("verify OK");
    expect(crl).toContain(`Serial Number: ${crlSerial(c.serialHex)}`);
    expect(crl).toMatch(/Certificate Hold/);
    const mail = await w.db.prisma.notification.findMany({ where: { template: "revocation.suspended" } });
    expect(mail.map((m) => m.userId)).toEqual([w.users.alice!.id]);
  });

  it("the release waits for an officer's identity check, then OCSP is good again and the serial leaves the CRL", async () => {
    tick();
    const req = await requestHoldRelease(w.as("alice"), { certificateId: c.id, note: "在抽屉里找到了", keyNotShared: true });
    expect(req.status).toBe("RECEIVED");
    expect(await ocspAnswer(w, c)).toMatch(/Reason: certificateHold/);
    tick();
    const done = await confirmRevocationRequest(w.as("officer"), { requestId: req.id, identityCheck: "柜台核验身份证原件" });
    expect(done.published).toBe(true);
    expect(done.request).toMatchObject({ status: "DONE", confirmationMethod: "OFFICER" });
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ status: "ACTIVE", holdAt: null, revokedAt: null });
    const ocsp = await ocspAnswer(w, c);
    expect(ocsp).toContain("Response verify OK");
    expect(ocsp).toMatch(/: good/);
    expect(await crlText(w, c)).not.toContain(crlSerial(c.serialHex));
  });
});

describe("hold -> revoke (key lost, then revocation signed with the key itself)", () => {
  let c: TestCert;
  let requestId: string;
  it("a key-signed request is compliant at once; carrying it out replaces the hold with keyCompromise", async () => {
    c = await issueCert(w, { user: "bob" });
    tick();
    const lostAt = w.clock.now();
    await reportLoss(w.as("bob"), { certificateId: c.id });
    tick();
    const { challenge } = await issueRevocationChallenge(w.as("bob"), { certificateId: c.id, reason: "KEY_COMPROMISE" });
    const receivedAt = w.clock.now();
    const req = await requestRevocation(w.as("bob"), {
      certificateId: c.id,
      reason: "KEY_COMPROMISE",
      keySignature: { challenge, signature: signWithKey(w, c.keyFile, challenge) },
    });
    requestId = req.id;
    expect(req).toMatchObject({ status: "COMPLIANT", confirmationMethod: "KEY_SIGNATURE", times: { receivedAt: receivedAt.toISOString(), compliantAt: receivedAt.toISOString() } });
    tick(60);
    const invalidityDate = lostAt;
    const done = await carryOutRevocation(w.as("officer"), { requestId, invalidityDate });
    expect(done.published).toBe(true);
    expect(done.request.status).toBe("DONE");
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id }, include: { revocation: true } });
    expect(row).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
    expect(row.revocation).toMatchObject({ reasonCode: "KEY_COMPROMISE", requestId, invalidityDate });

    const ocsp = await ocspAnswer(w, c);
    expect(ocsp).toContain("Response verify OK");
    expect(ocsp).toMatch(/: revoked/);
    expect(ocsp).toMatch(/Reason: keyCompromise/);
    const crl = await crlText(w, c);
    expect(crl).toContain(`Serial Number: ${crlSerial(c.serialHex)}`);
    expect(crl).toMatch(/Key Compromise/);
    expect(crl).toMatch(/Invalidity Date/);
    expect(crl).not.toMatch(/Certificate Hold/);
  });

  it("the receipt carries the four times, CA-signed (openssl cms -verify) and timestamped (openssl ts -verify)", async () => {
    tick();
    const receipt = await getRevocationReceipt(w.as("bob"), { requestId });
    const body = JSON.parse(receipt.json) as { request: { times: Record<string, string | null> }; revocation: { reason: string } };
    const req = await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(body.request.times).toEqual({
      receivedAt: req.receivedAt.toISOString(),
      compliantAt: req.compliantAt!.toISOString(),
      dueAt: req.dueAt!.toISOString(),
      doneAt: req.doneAt!.toISOString(),
    });
    expect(req.dueAt!.getTime() - req.compliantAt!.getTime()).toBe(24 * 3_600_000);
    expect(body.revocation.reason).toBe("KEY_COMPROMISE");

    const { root } = await caFiles(w);
    const ca = await caOf(w.db.prisma)();
    const attime = String(Math.floor(w.clock.now().getTime() / 1000) + 60);
    const cmsFile = w.tmp.file("receipt.p7s", Buffer.from(receipt.cmsBase64, "base64"));
    const outFile = w.tmp.file("receipt.out");
    const cms = openssl(["cms", "-verify", "-binary", "-inform", "DER", "-in", cmsFile, "-CAfile", root, "-purpose", "any", "-attime", attime, "-out", outFile]);
    expect(cms.out).toContain("Verification successful");
    expect(readFileSync(outFile, "utf8")).toBe(receipt.json);

    const dataFile = w.tmp.file("receipt.json", receipt.json);
    const tokenFile = w.tmp.file("receipt.tst", Buffer.from(receipt.timestampTokenBase64, "base64"));
    const untrusted = w.tmp.file("tsa-chain.pem", [ca.hierarchy.tsa!.entity.certificate, ...receipt.chainBase64.map((b) => Buffer.from(b, "base64"))].map(pem).join(""));
    const ts = openssl(["ts", "-verify", "-data", dataFile, "-in", tokenFile, "-token_in", "-CAfile", root, "-untrusted", untrusted, "-attime", attime]);
    expect(ts.out).toContain("Verification: OK");
    // A receipt edited afterwards no longer matches its timestamp.
    const forged = w.tmp.file("forged.json", receipt.json.replace(body.request.times.doneAt!, new Date(0).toISOString()));
    expect(openssl(["ts", "-verify", "-data", forged, "-in", tokenFile, "-token_in", "-CAfile", root, "-untrusted", untrusted, "-attime", attime]).out).not.toContain("Verification: OK");
  });

  it("the certificate's requests are listed with their times for the subscriber and staff only", async () => {
    const mine = await listRevocationRequests(w.as("bob"), { certificateId: c.id });
    expect(mine.map((r) => [r.kind, r.status])).toEqual([
      ["REVOCATION", "DONE"],
      ["LOSS_REPORT", "DONE"],
    ]);
    expect(mine[0]!.sla).toBe("met");
    expect((await listRevocationRequests(w.as("officer"), { certificateId: c.id })).length).toBe(2);
    await expect(listRevocationRequests(w.as("alice"), { certificateId: c.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the receipt is refused to someone else and given to staff", async () => {
    await expect(getRevocationReceipt(w.as("alice"), { requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getRevocationReceipt(w.as("agent"), { requestId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getRevocationReceipt(w.as("auditor"), { requestId })).json).toContain(requestId);
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
