import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { importCalendarYear } from "@/server/calendar/import-calendar-year";
import { caOf } from "@/server/ca-service/wire-context";
import { verifyAuditChain } from "@/server/core/audit";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { getObjectionView } from "@/server/certificate/certificate-case-views";
import { getCertificateState } from "@/server/certificate/get-certificate-state";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { issueTestChallenge } from "@/server/certificate/issue-test-challenge";
import { raiseObjection } from "@/server/certificate/raise-objection";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { recordTestResult } from "@/server/certificate/record-test-result";
import { resolveObjection } from "@/server/certificate/resolve-objection";
import { sweepDeemedAcceptance } from "@/server/certificate/sweep-deemed-acceptance";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";
import { openssl } from "./pki-helpers";
import { approvedAs } from "../support/approval";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-01 09:00"));
  await acceptFor(w, "alice", "DOWNLOAD");
});
afterAll(async () => {
  await w?.close();
});

/** Issues a certificate an hour before `receiptLocal` and records its receipt at that instant. */
async function received(receiptLocal: string, via: "download" | "hand-over" = "hand-over") {
  const at = sh(receiptLocal);
  w.clock.set(new Date(at.getTime() - 3_600_000));
  const { applicationId, keyFile } = await makeApplication(w, { applicant: "alice" });
  const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
  w.clock.set(at);
  if (via === "download") await downloadCertificate(w.as("alice"), { certificateId });
  else await recordHandOver(w.as("officer"), { certificateId, method: "IN_PERSON", collectedBy: "李爱丽" });
  return { certificateId, keyFile: keyFile! };
}
const row = (id: string) => w.db.prisma.certificate.findUniqueOrThrow({ where: { id } });
const stateAt = async (id: string, local: string | Date, who = "alice") => {
  w.clock.set(typeof local === "string" ? sh(local) : local);
  return getCertificateState(w.as(who), { certificateId: id });
};
const signWith = (keyFile: string, text: string) => execFileSync("openssl", ["dgst", "-sha256", "-sign", keyFile], { input: Buffer.from(text, "utf8") });

describe("test-window deadline at its boundaries (clause 1.8: 24:00 of the 2nd working day after the day of receipt)", () => {
  it.each([
    ["Monday 23:59", "2026-03-02 23:59", "download", "2026-03-05 00:00"],
    ["Tuesday 00:00, one minute later", "2026-03-03 00:00", "download", "2026-03-06 00:00"],
    ["a Friday", "2026-03-06 10:00", "hand-over", "2026-03-11 00:00"],
    ["a Saturday", "2026-03-07 10:00", "hand-over", "2026-03-11 00:00"],
    ["the day before National Day", "2026-09-30 15:00", "hand-over", "2026-10-10 00:00"],
    ["the Friday before a make-up working Saturday", "2026-10-09 10:00", "hand-over", "2026-10-13 00:00"],
    ["a make-up working Saturday", "2026-10-10 10:00", "hand-over", "2026-10-14 00:00"],
  ] as const)("receipt %s", async (_name, receipt, via, deadline) => {
    const { certificateId } = await received(receipt, via);
    expect(await row(certificateId)).toMatchObject({ testWindowDeadline: sh(deadline), testWindowProvisional: false });
    const justBefore = new Date(sh(deadline).getTime() - 1000);
    expect((await stateAt(certificateId, justBefore)).status).toBe("IN_TEST_WINDOW");
    expect((await stateAt(certificateId, deadline)).status).toBe("ACCEPTED_DEEMED");
  });
});

describe("deemed acceptance sweep", () => {
  it("records the event once, with one notification, even with two instances sweeping at once", async () => {
    const { certificateId } = await received("2026-04-13 10:00"); // Monday -> deadline Thu 00:00
    w.clock.set(sh("2026-04-15 23:59"));
    expect((await sweepDeemedAcceptance(w.db.prisma, w.clock)).recorded).not.toContain(certificateId);
    w.clock.set(sh("2026-04-16 00:00"));
    const [a, b] = await Promise.all([
      sweepDeemedAcceptance(w.db.prisma, w.clock, { holder: "instance-a" }),
      sweepDeemedAcceptance(w.db.prisma, w.clock, { holder: "instance-b" }),
    ]);
    expect([...a.recorded, ...b.recorded].filter((id) => id === certificateId)).toHaveLength(1);
    const again = await sweepDeemedAcceptance(w.db.prisma, w.clock);
    expect(again.recorded).toEqual([]);
    expect(await row(certificateId)).toMatchObject({ acceptanceKind: "DEEMED", acceptedAt: sh("2026-04-16 00:00"), status: "ACTIVE" });
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.deemed-accepted", subjectId: certificateId } })).toBe(1);
    expect(await w.db.prisma.notification.count({ where: { dedupeKey: `deemed-acceptance:${certificateId}` } })).toBe(1);
    expect(await w.db.prisma.sweepRun.count()).toBeGreaterThanOrEqual(2);
  });
});

describe("the server decides every test result (issue 12)", () => {
  it("a page's own 'passed' is never enough: information by the serial shown, the certificate by its signature, the seal only through verifySealTest", async () => {
    const { certificateId } = await received("2026-05-11 10:00");
    const { serialHex } = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    const run = (kind: "INFO_LOADING" | "CERTIFICATE" | "SEAL", passed: boolean, details: Record<string, unknown> = {}) =>
      recordTestResult(w.as("alice"), { certificateId, kind, passed, details });

    expect(await run("SEAL", true, { serverCheck: "SIGNED_AND_BOUND" })).toMatchObject({ passed: false, serverCheck: "NO_SIGNATURE" });
    expect(await run("CERTIFICATE", true, { serverCheck: "SIGNATURE_VALID" })).toMatchObject({ passed: false, serverCheck: "NO_SIGNATURE" });
    expect(await run("INFO_LOADING", true)).toMatchObject({ passed: false, serverCheck: "INFO_MISMATCH" });
    expect(await run("INFO_LOADING", true, { shownSerial: "01" })).toMatchObject({ passed: false, serverCheck: "INFO_MISMATCH" });
    expect(await run("INFO_LOADING", true, { shownSerial: serialHex.toUpperCase() })).toMatchObject({ passed: true, serverCheck: "INFO_SHOWN" });
    // A failure the subscriber saw stays a failure (it is what an objection rests on).
    expect(await run("INFO_LOADING", false, { shownSerial: serialHex })).toMatchObject({ passed: false, serverCheck: "INFO_NOT_SHOWN" });

    // What is stored is the server's verdict, not the page's: a page-written serverCheck is overwritten.
    const rows = await w.db.prisma.certificateTestResult.findMany({ where: { certificateId }, orderBy: { runAt: "asc" } });
    expect(rows.map((r) => [r.kind, r.passed, (r.details as { serverCheck?: string }).serverCheck])).toEqual([
      ["SEAL", false, "NO_SIGNATURE"],
      ["CERTIFICATE", false, "NO_SIGNATURE"],
      ["INFO_LOADING", false, "INFO_MISMATCH"],
      ["INFO_LOADING", false, "INFO_MISMATCH"],
      ["INFO_LOADING", true, "INFO_SHOWN"],
      ["INFO_LOADING", false, "INFO_NOT_SHOWN"],
    ]);
  });
});

describe("certificate test with a server challenge", () => {
  it("passes only when the server verifies the signature with the certificate's key; challenges are single-use", async () => {
    const { certificateId, keyFile } = await received("2026-05-11 10:00");
    await expect(issueTestChallenge(w.as("bob"), { certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { challenge } = await issueTestChallenge(w.as("alice"), { certificateId });
    const signature = signWith(keyFile, challenge).toString("base64");
    const ok = await recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: true, challenge, signature });
    expect(ok).toMatchObject({ passed: true, serverCheck: "SIGNATURE_VALID" });
    await expect(recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: true, challenge, signature })).rejects.toMatchObject({
      code: "CHALLENGE_INVALID",
      details: { reason: "USED" },
    });

    const second = await issueTestChallenge(w.as("alice"), { certificateId });
    const wrong = signWith(keyFile, "something else").toString("base64");
    expect(await recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: true, challenge: second.challenge, signature: wrong })).toMatchObject({
      passed: false,
      serverCheck: "SIGNATURE_INVALID",
    });
    expect(await recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: true })).toMatchObject({ passed: false, serverCheck: "NO_SIGNATURE" });

    const stale = await issueTestChallenge(w.as("alice"), { certificateId });
    w.clock.advance(11 * 60_000);
    await expect(
      recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: true, challenge: stale.challenge, signature: signWith(keyFile, stale.challenge).toString("base64") }),
    ).rejects.toMatchObject({ code: "CHALLENGE_INVALID", details: { reason: "EXPIRED" } });
    const forged = challenge.replace(/\.[^.]+$/, ".AAAA");
    await expect(recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: true, challenge: forged, signature })).rejects.toMatchObject({
      code: "CHALLENGE_INVALID",
      details: { reason: "BAD_CA_SIGNATURE" },
    });
  });

  it("refuses tests before receipt", async () => {
    w.clock.set(sh("2026-05-12 10:00"));
    const { applicationId } = await makeApplication(w, { applicant: "alice" });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    await expect(recordTestResult(w.as("alice"), { certificateId, kind: "SEAL", passed: true })).rejects.toMatchObject({ code: "CERT_NOT_RECEIVED" });
    await expect(acceptCertificate(w.as("alice"), { certificateId })).rejects.toMatchObject({ code: "CERT_NOT_RECEIVED" });
  });
});

describe("objections (clause 1.8, 2.2) and explicit acceptance", () => {
  it("in time needs a failed test; it stops deemed acceptance; consultation then explicit acceptance", async () => {
    const { certificateId } = await received("2026-06-01 10:00"); // Monday -> deadline Thu 06-04 00:00
    w.clock.set(sh("2026-06-02 09:00"));
    await expect(raiseObjection(w.as("alice"), { certificateId, reason: "印章不显示" })).rejects.toMatchObject({ code: "TEST_RESULT_REQUIRED" });
    const { serialHex } = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    const passedTest = await recordTestResult(w.as("alice"), { certificateId, kind: "INFO_LOADING", passed: true, details: { shownSerial: serialHex } });
    expect(passedTest).toMatchObject({ passed: true, serverCheck: "INFO_SHOWN" });
    await expect(raiseObjection(w.as("alice"), { certificateId, reason: "x", testResultId: passedTest.testResultId })).rejects.toMatchObject({ code: "TEST_RESULT_REQUIRED" });
    const failed = await recordTestResult(w.as("alice"), { certificateId, kind: "SEAL", passed: false, details: { error: "seal image missing" } });
    await expect(raiseObjection(w.as("bob"), { certificateId, reason: "x", testResultId: failed.testResultId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const o = await raiseObjection(w.as("alice"), { certificateId, reason: "印章不显示", testResultId: failed.testResultId });
    expect(o.late).toBe(false);
    expect((await stateAt(certificateId, "2026-06-10 10:00")).status).toBe("OBJECTED");
    expect((await sweepDeemedAcceptance(w.db.prisma, w.clock)).recorded).not.toContain(certificateId);

    await expect(resolveObjection(w.as("alice"), { objectionId: o.objectionId, resolution: "CONSULTATION", note: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The RA objection page offers the resolve form from the read model's can: the rule resolveObjection enforces.
    expect((await getObjectionView(w.as("officer"), { objectionId: o.objectionId })).can.resolve).toEqual({ ok: true });
    await resolveObjection(w.as("officer"), { objectionId: o.objectionId, resolution: "CONSULTATION", note: "已电话说明印章显示设置" });
    await expect(resolveObjection(w.as("officer"), { objectionId: o.objectionId, resolution: "REVOCATION", note: "x" })).rejects.toMatchObject({ code: "OBJECTION_NOT_OPEN" });
    expect((await getObjectionView(w.as("officer"), { objectionId: o.objectionId })).can.resolve).toEqual({ ok: false, reason: "OBJECTION_NOT_OPEN" });
    const st = await stateAt(certificateId, "2026-06-10 11:00");
    expect(st).toMatchObject({ status: "AWAITING_ACCEPTANCE", awaiting: "EXPLICIT_ACCEPTANCE_AFTER_OBJECTION" });
    await acceptCertificate(w.as("alice"), { certificateId });
    expect((await stateAt(certificateId, "2026-06-10 11:01")).status).toBe("ACCEPTED_EXPLICIT");
    await expect(acceptCertificate(w.as("alice"), { certificateId })).rejects.toMatchObject({ code: "CERT_ALREADY_ACCEPTED" });
    expect(await w.db.prisma.notification.count({ where: { dedupeKey: `objection-resolved:${o.objectionId}` } })).toBe(1);
  });

  it("after the deadline an objection is recorded as late and does not undo the deemed acceptance", async () => {
    const { certificateId } = await received("2026-06-08 10:00"); // deadline Thu 06-11 00:00
    w.clock.set(sh("2026-06-11 00:00"));
    const o = await raiseObjection(w.as("alice"), { certificateId, reason: "证书无法使用" });
    expect(o.late).toBe(true);
    expect((await w.db.prisma.objection.findUniqueOrThrow({ where: { id: o.objectionId } })).late).toBe(true);
    expect((await stateAt(certificateId, "2026-06-11 00:01")).status).toBe("ACCEPTED_DEEMED");
  });

  it("explicit acceptance within the window", async () => {
    const { certificateId } = await received("2026-06-15 10:00");
    w.clock.set(sh("2026-06-15 11:00"));
    await expect(acceptCertificate(w.as("bob"), { certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The certificate page counts down to the deadline only while the window runs.
    const before = await getMyCertificate(w.as("alice"), { certificateId });
    expect(before.testWindowCountdown).toEqual(before.testWindowDeadline);
    expect(before.testWindowCountdown).not.toBeNull();
    await acceptCertificate(w.as("alice"), { certificateId });
    expect((await getMyCertificate(w.as("alice"), { certificateId })).testWindowCountdown).toBeNull();
    expect(await row(certificateId)).toMatchObject({ acceptanceKind: "EXPLICIT", status: "ACTIVE" });
    // Staff read the derived state; other subscribers cannot learn the certificate exists.
    expect((await stateAt(certificateId, "2026-06-15 11:05", "auditor")).status).toBe("ACCEPTED_EXPLICIT");
    expect((await stateAt(certificateId, "2026-06-15 11:05", "officer")).recordedAcceptance).toMatchObject({ kind: "EXPLICIT" });
    await expect(stateAt(certificateId, "2026-06-15 11:05", "bob")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("revocation: the certificate is revoked, OCSP and the CRL shard say so", async () => {
    const { certificateId } = await received("2026-07-06 10:00");
    w.clock.set(sh("2026-07-06 11:00"));
    const failed = await recordTestResult(w.as("alice"), { certificateId, kind: "CERTIFICATE", passed: false });
    const o = await raiseObjection(w.as("alice"), { certificateId, reason: "姓名错误", testResultId: failed.testResultId });
    const r = await resolveObjection(w.as("officer"), { objectionId: o.objectionId, resolution: "REVOCATION", note: "信息错误，撤销后重新申请", revocationReason: "PRIVILEGE_WITHDRAWN" });
    expect(r.revokedCertificateId).toBe(certificateId);
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId }, include: { revocation: true, issuer: true } });
    expect(cert).toMatchObject({ status: "REVOKED", revocationReason: "PRIVILEGE_WITHDRAWN", revocation: { reasonCode: "PRIVILEGE_WITHDRAWN" } });
    expect((await stateAt(certificateId, "2026-07-06 11:01")).status).toBe("REVOKED");
    await expect(acceptCertificate(w.as("alice"), { certificateId })).rejects.toMatchObject({ code: "CERT_REVOKED" });

    const issuerPem = w.tmp.file("issuer.pem", derToPem(cert.issuer.certificateDer, "CERTIFICATE"));
    const leafPem = w.tmp.file("leaf.pem", derToPem(cert.der, "CERTIFICATE"));
    const reqFile = w.tmp.file("req.der");
    expect(openssl(["ocsp", "-issuer", issuerPem, "-cert", leafPem, "-reqout", reqFile, "-no_nonce"]).status).toBe(0);
    const ca = await caOf(w.db.prisma)();
    const { readFileSync } = await import("node:fs");
    // openssl warns that the response is "expired": the test clock stands in 2026-07, before the machine's.
    const resp = await ca.ocsp.handleRequest(readFileSync(reqFile));
    const respFile = w.tmp.file("resp.der", resp.body);
    expect(openssl(["ocsp", "-respin", respFile, "-issuer", issuerPem, "-cert", leafPem, "-noverify"]).out).toMatch(/\nrevoked\n[\s\S]*Revocation Time/);
    const shard = await w.db.prisma.crlShard.findUniqueOrThrow({ where: { issuingCaId_shard: { issuingCaId: cert.issuerId, shard: cert.crlShard } } });
    const crlText = openssl(["crl", "-inform", "DER", "-noout", "-text"], shard.der!).out;
    expect(crlText.toLowerCase()).toContain(cert.serialHex.toLowerCase());
    expect(crlText).toContain("Privilege Withdrawn");
  });

  it("change: marked for a change application; the new certificate supersedes this one when it is accepted, not before", async () => {
    const { certificateId } = await received("2026-07-13 10:00");
    w.clock.set(sh("2026-07-13 11:00"));
    const failed = await recordTestResult(w.as("alice"), { certificateId, kind: "INFO_LOADING", passed: false });
    const o = await raiseObjection(w.as("alice"), { certificateId, reason: "单位名称变更", testResultId: failed.testResultId });
    await resolveObjection(w.as("officer"), { objectionId: o.objectionId, resolution: "CHANGE", note: "请提交变更申请" });
    expect((await stateAt(certificateId, "2026-07-13 11:01")).changeRequested).toBe(true);
    const change = await makeApplication(w, { applicant: "alice", kind: "CHANGE", replacesCertificateId: certificateId });
    const issued = await issueCertificate(w.as("officer"), { applicationId: change.applicationId });
    // Issued but not yet accepted: the subscriber may still object to it and relies on the old one.
    expect(await row(certificateId)).toMatchObject({ supersededById: null, revokedAt: null });
    await recordHandOver(w.as("officer"), { certificateId: issued.certificateId, method: "IN_PERSON", collectedBy: "李爱丽" });
    w.clock.set(sh("2026-07-13 11:30"));
    const accepted = await acceptCertificate(w.as("alice"), { certificateId: issued.certificateId });
    expect(accepted.superseded).toMatchObject({ oldCertificateId: certificateId, revoked: true });
    expect(await row(certificateId)).toMatchObject({ supersededById: issued.certificateId, revocationReason: "SUPERSEDED", status: "REVOKED" });
    expect((await stateAt(certificateId, "2026-07-13 11:32")).status).toBe("SUPERSEDED");
  });
});

describe("across New Year into a year without calendar data", () => {
  it("is provisional and never deemed until an administrator imports and confirms the year", async () => {
    const a = await received("2026-12-30 10:00");
    const b = await received("2026-12-31 10:00");
    expect(await row(a.certificateId)).toMatchObject({ testWindowDeadline: sh("2027-01-05 00:00"), testWindowProvisional: true });
    expect(await row(b.certificateId)).toMatchObject({ testWindowDeadline: sh("2027-01-06 00:00"), testWindowProvisional: true });
    const st = await stateAt(a.certificateId, "2027-01-20 10:00");
    expect(st).toMatchObject({ status: "AWAITING_ACCEPTANCE", awaiting: "CALENDAR_CONFIRMATION", acceptance: null });
    const before = (await sweepDeemedAcceptance(w.db.prisma, w.clock)).recorded;
    expect(before).not.toContain(a.certificateId);
    expect(before).not.toContain(b.certificateId);

    const input = { year: 2027, notice: "国办发明电〔2026〕X号（测试）", holidays: ["2027-01-01", "2027-01-04"], makeupWorkdays: [], names: { "2027-01-01": "元旦" } };
    await expect(importCalendarYear(w.as("officer"), input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(importCalendarYear(approvedAs(w.as("admin"), "CALENDAR_IMPORT"), { ...input, makeupWorkdays: ["2027-01-06"] })).rejects.toMatchObject({ code: "CALENDAR_DATA_INVALID" });
    const r = await importCalendarYear(approvedAs(w.as("admin"), "CALENDAR_IMPORT"), input);
    expect(r.recomputed.map((x) => x.id).sort()).toEqual([a.certificateId, b.certificateId].sort());
    expect(await row(a.certificateId)).toMatchObject({ testWindowDeadline: sh("2027-01-06 00:00"), testWindowProvisional: false });
    expect(await row(b.certificateId)).toMatchObject({ testWindowDeadline: sh("2027-01-07 00:00"), testWindowProvisional: false });
    expect((await w.db.prisma.calendarYear.findUniqueOrThrow({ where: { year: 2027 } })).confirmed).toBe(true);
    expect((await stateAt(a.certificateId, "2027-01-05 23:59")).status).toBe("IN_TEST_WINDOW");
    expect((await stateAt(a.certificateId, "2027-01-20 10:00")).status).toBe("ACCEPTED_DEEMED");
    expect((await sweepDeemedAcceptance(w.db.prisma, w.clock)).recorded.sort()).toEqual([a.certificateId, b.certificateId].sort());
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "calendar.year-imported" } });
    expect(JSON.stringify(event.summary)).toContain(a.certificateId);
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
