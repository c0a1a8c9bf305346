// Issue 14 item 3 at the server: certificate problem reports from anyone. Key compromise proven by
// a signature over the page's text (made with node:crypto, as openssl dgst -sha256 -sign makes it)
// or by the private key itself (never stored); forged proofs, mismatched keys, replayed nonces,
// bad proofs-of-work and floods refused with nothing stored; the 24-hour clock in the RA queue;
// the preliminary report and the outcomes (revoke through the revocation area, no action) mailed.
// openssl ocsp checks thisUpdate/nextUpdate against the real clock, so this file runs at real time.
import { createHash, createPrivateKey, generateKeyPairSync, sign } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROOF_OF_WORK_BITS, leadingZeroBits, proofOfWorkInput } from "@/domain/problem-report";
import type { ServiceContext } from "@/server/core/context";
import { verifyAuditChain } from "@/server/core/audit";
import { decideProblemReport } from "@/server/problem-report/decide-problem-report";
import { getProblemReport } from "@/server/problem-report/get-problem-report";
import { getProblemReportStatus } from "@/server/problem-report/get-problem-report-status";
import { issueKeyProofNonce, issueProofOfWorkChallenge } from "@/server/problem-report/issue-problem-report-challenges";
import { listProblemReports } from "@/server/problem-report/list-problem-reports";
import { sendPreliminaryReport } from "@/server/problem-report/send-preliminary-report";
import { submitProblemReport, type SubmitProblemReportInput } from "@/server/problem-report/submit-problem-report";
import { keyProofText, solveProofOfWork } from "@/server/problem-report";
import { normaliseSerial } from "@/domain/certificate";
import { raWorkQueue } from "@/server/ra/ra-work-queue";
import { sweepProblemReportAlerts } from "@/server/problem-report/sweep-problem-report-alerts";
import { issueCert, ocspAnswer, openWorld, type TestCert, type World } from "../revocation/fixtures";

let w: World;
const start = new Date(Math.floor(Date.now() / 1000) * 1000 - 10 * 60_000);
beforeAll(async () => {
  w = await openWorld(start);
});
afterAll(async () => {
  await w?.close();
});

let ipCounter = 0;
/** An anonymous visitor; each call a new client address unless one is given (the rate limit is per address). */
const visitor = (ip = `198.51.100.${++ipCounter}`): ServiceContext => ({ ...w.as("alice"), actor: null, meta: { ip, userAgent: "vitest" } });
const code = (p: Promise<unknown>) => p.then(() => "OK", (e: { code?: string; details?: Record<string, unknown> }) => e.code ?? String(e));
const problem = (p: Promise<unknown>) => p.then(() => "OK", (e: { details?: { problem?: string } }) => e.details?.problem ?? String(e));

async function pow(ctx = visitor()) {
  const c = await issueProofOfWorkChallenge(ctx, {});
  return { challenge: c.challenge, nonce: solveProofOfWork(c.challenge, c.bits) };
}

async function report(c: TestCert, extra: Partial<SubmitProblemReportInput> = {}, ctx = visitor()) {
  return submitProblemReport(ctx, {
    serial: c.serialHex.toUpperCase().match(/.{1,2}/g)!.join(":"),
    category: "MISUSE",
    description: "该证书被用于签署与订户无关的合同。",
    reporterEmail: "Reporter@Example.test",
    locale: "zh-CN",
    proofOfWork: await pow(ctx),
    ...extra,
  });
}

/** What a refused report could have written. */
const footprint = async () => ({
  reports: await w.db.prisma.problemReport.count(),
  mail: await w.db.prisma.notification.count(),
  requests: await w.db.prisma.revocationRequest.count(),
});

async function signatureProof(c: TestCert, keyPem: string | Buffer) {
  const { nonce } = await issueKeyProofNonce(visitor(), {});
  const text = keyProofText(normaliseSerial(c.serialHex)!, nonce);
  return { method: "SIGNATURE" as const, nonce, signature: sign("sha256", Buffer.from(text), createPrivateKey(keyPem)).toString("base64") };
}

describe("reporting a key compromise", () => {
  it("a signature over the page's text with the certificate's key: stored as demonstrated, receipt mailed, status link shows no personal data", async () => {
    const c = await issueCert(w, { user: "alice" });
    const r = await report(c, { category: "KEY_COMPROMISE", keyProof: await signatureProof(c, readFileSync(c.keyFile)) });
    expect(r.reference).toMatch(/^CPR-20\d\d-\d{6}$/);
    expect(r.keyCompromiseDemonstrated).toBe(true);
    expect(new Date(r.preliminaryDueAt).getTime() - new Date(r.receivedAt).getTime()).toBe(24 * 3600_000);
    const row = await w.db.prisma.problemReport.findUniqueOrThrow({ where: { id: r.id } });
    expect(row).toMatchObject({ keyProof: "SIGNATURE", reporterEmail: "reporter@example.test", status: "RECEIVED" });
    // The capability token is only in the answer and the mail; the row keeps its hash.
    const token = r.statusPath.split("token=")[1]!;
    expect(row.statusTokenHash).not.toContain(token);
    const mail = await w.db.prisma.notification.findFirstOrThrow({ where: { template: "problem-report.received", toAddress: "reporter@example.test" }, orderBy: { createdAt: "desc" } });
    expect((mail.payload as { path: string }).path).toBe(r.statusPath);
    const status = await getProblemReportStatus(visitor(), { token });
    expect(status).toMatchObject({ reference: r.reference, status: "RECEIVED", keyCompromiseDemonstrated: true, preliminary: null, outcome: null });
    expect(JSON.stringify(status)).not.toContain("李爱丽");
    expect(await code(getProblemReportStatus(visitor(), { token: token.slice(0, -1) + (token.endsWith("A") ? "B" : "A") }))).toBe("NOT_FOUND");
  });

  it("the private key itself (PKCS#8 and traditional): matched to the certificate, never stored, logged or audited", async () => {
    const c = await issueCert(w, { user: "alice" });
    const pkcs8 = createPrivateKey(readFileSync(c.keyFile)).export({ type: "pkcs8", format: "pem" }).toString();
    const sec1 = createPrivateKey(readFileSync(c.keyFile)).export({ type: "sec1", format: "pem" }).toString();
    const a = await report(c, { category: "KEY_COMPROMISE", keyProof: { method: "PRIVATE_KEY", privateKeyPem: pkcs8 } });
    const b = await report(c, { category: "KEY_COMPROMISE", keyProof: { method: "PRIVATE_KEY", privateKeyPem: sec1 } });
    expect([a.keyCompromiseDemonstrated, b.keyCompromiseDemonstrated]).toEqual([true, true]);
    const keyBody = pkcs8.split("\n")[1]!;
    const everything = JSON.stringify([await w.db.prisma.problemReport.findMany(), await w.db.prisma.auditEvent.findMany(), await w.db.prisma.notification.findMany()]);
    expect(everything).not.toContain("PRIVATE KEY");
    expect(everything).not.toContain(keyBody);
  });

  it("a forged signature, a mismatched key, a foreign or replayed nonce: a clear refusal, only the refusal's audit event", async () => {
    const c = await issueCert(w, { user: "alice" });
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const before = await footprint();
    const audits = await w.db.prisma.auditEvent.count({ where: { action: "problem-report.key-proof-refused" } });
    expect(await code(report(c, { category: "KEY_COMPROMISE", keyProof: await signatureProof(c, other) }))).toBe("PROBLEM_REPORT_SIGNATURE_INVALID");
    expect(await code(report(c, { category: "KEY_COMPROMISE", keyProof: { method: "PRIVATE_KEY", privateKeyPem: other } }))).toBe("PROBLEM_REPORT_KEY_MISMATCH");
    expect(await code(report(c, { category: "KEY_COMPROMISE", keyProof: { method: "PRIVATE_KEY", privateKeyPem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----" } }))).toBe("PROBLEM_REPORT_PRIVATE_KEY_UNREADABLE");
    const good = await signatureProof(c, readFileSync(c.keyFile));
    expect(await code(report(c, { category: "KEY_COMPROMISE", keyProof: { ...good, nonce: good.nonce.replace(/.$/, (x) => (x === "A" ? "B" : "A")) } }))).toBe("PROBLEM_REPORT_NONCE_INVALID");
    // A proof with another category is refused before anything (it proves nothing about misuse).
    expect(await code(report(c, { category: "MISUSE", keyProof: good }))).toBe("PROBLEM_REPORT_PROOF_NOT_FOR_CATEGORY");
    expect(await footprint()).toEqual(before);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "problem-report.key-proof-refused" } })).toBe(audits + 4);
    // The same proof twice: the second report is a replay.
    await report(c, { category: "KEY_COMPROMISE", keyProof: good });
    const afterFirst = await footprint();
    expect(await code(report(c, { category: "KEY_COMPROMISE", keyProof: good }))).toBe("PROBLEM_REPORT_NONCE_USED");
    expect(await footprint()).toEqual(afterFirst);
    // A nonce expires: two hours after it was given, the signature over it is refused.
    const late = await signatureProof(c, readFileSync(c.keyFile));
    w.clock.advance(2 * 3600_000 + 1000);
    expect(await code(report(c, { category: "KEY_COMPROMISE", keyProof: late }))).toBe("PROBLEM_REPORT_NONCE_INVALID");
    expect((await verifyAuditChain(w.db.prisma)).ok).toBe(true);
  });
});

describe("flood control", () => {
  it("proof-of-work: a wrong, forged, expired or reused proof is refused and nothing is written", async () => {
    const c = await issueCert(w, { user: "bob" });
    const before = await footprint();
    const p = await pow();
    // A nonce whose hash falls short of the difficulty (the first such after the solution).
    let wrong = Number(p.nonce) + 1;
    while (leadingZeroBits(createHash("sha256").update(proofOfWorkInput(p.challenge, String(wrong))).digest()) >= PROOF_OF_WORK_BITS) wrong++;
    expect(await problem(report(c, { proofOfWork: { challenge: p.challenge, nonce: String(wrong) } }))).toBe("insufficient");
    expect(await problem(report(c, { proofOfWork: { challenge: p.challenge.replace("pw1.", "pw2."), nonce: p.nonce } }))).toBe("malformed");
    expect(await problem(report(c, { proofOfWork: { challenge: p.challenge.slice(0, -2) + "AA", nonce: p.nonce } }))).toBe("forged");
    expect(await problem(report(c, { proofOfWork: { challenge: "", nonce: "" } }))).toBe("malformed");
    const stale = await pow();
    w.clock.advance(10 * 60_000 + 1000);
    expect(await problem(report(c, { proofOfWork: stale }))).toBe("expired");
    expect(await footprint()).toEqual(before);
    const once = await pow();
    await report(c, { proofOfWork: once });
    const after = await footprint();
    expect(after.reports).toBe(before.reports + 1);
    expect(await problem(report(c, { proofOfWork: once }))).toBe("reused");
    expect(await footprint()).toEqual(after);
  });

  it("past the limit per client address nothing is written; another address is still served", async () => {
    const c = await issueCert(w, { user: "bob" });
    const ctx = visitor("192.0.2.99");
    for (let i = 0; i < 5; i++) await report(c, {}, ctx);
    const before = await footprint();
    for (let i = 0; i < 3; i++) expect(await code(report(c, {}, ctx))).toBe("RATE_LIMITED");
    expect(await footprint()).toEqual(before);
    // Refused before the proof-of-work is even looked at: a flood of junk proofs pays the limit too.
    expect(await code(report(c, { proofOfWork: { challenge: "junk", nonce: "1" } }, ctx))).toBe("RATE_LIMITED");
    expect(await code(report(c, {}))).toBe("OK");
  });

  it("hostile input: oversized or malformed fields are refused with a clear code, nothing written", async () => {
    const c = await issueCert(w, { user: "bob" });
    const before = await footprint();
    expect(await code(report(c, { description: "x".repeat(4001) }))).toBe("VALIDATION_FAILED");
    expect(await code(report(c, { serial: "zz:11" }))).toBe("PROBLEM_REPORT_CERTIFICATE_UNREADABLE");
    expect(await code(report(c, { serial: "7f".repeat(30) }))).toBe("PROBLEM_REPORT_CERTIFICATE_UNREADABLE");
    expect(await code(report(c, { serial: "0abcdef0123" }))).toBe("PROBLEM_REPORT_CERTIFICATE_UNKNOWN");
    expect(await code(report(c, { serial: undefined }))).toBe("PROBLEM_REPORT_CERTIFICATE_REQUIRED");
    expect(await code(report(c, { serial: undefined, certificateFile: new Uint8Array(20_000) }))).toBe("VALIDATION_FAILED");
    expect(await code(report(c, { serial: undefined, certificateFile: new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----") }))).toBe("PROBLEM_REPORT_CERTIFICATE_UNREADABLE");
    expect(await code(report(c, { reporterEmail: "not-an-address" }))).toBe("VALIDATION_FAILED");
    expect(await footprint()).toEqual(before);
    // The certificate file alone identifies it (PEM here; the serial typed and the file must agree).
    const pemFile = new TextEncoder().encode(readFileSync(c.certFile, "utf8"));
    expect(await code(report(c, { serial: undefined, certificateFile: pemFile }))).toBe("OK");
    expect(await code(report(c, { serial: "01", certificateFile: pemFile }))).toBe("PROBLEM_REPORT_CERTIFICATE_REQUIRED");
  });
});

describe("the 24-hour clock and the outcomes", () => {
  it("a key-compromise report: in the RA queue with its clock, preliminary report to both, then revoked with keyCompromise (OCSP)", async () => {
    const c = await issueCert(w, { user: "alice" });
    const r = await report(c, { category: "KEY_COMPROMISE", keyProof: await signatureProof(c, readFileSync(c.keyFile)) });
    w.clock.advance(21 * 3600_000);
    const queue = await raWorkQueue(w.as("officer"), { kind: "problemReport" });
    const item = queue.items.find((i) => i.id === r.id)!;
    expect(item).toMatchObject({ kind: "problemReport", href: `/ra/problem-reports/${r.id}`, sla: "dueSoon", status: "RECEIVED" });
    expect(item.remainingMs).toBe(3 * 3600_000);
    const listed = (await listProblemReports(w.as("admin"), {})).items.find((i) => i.id === r.id)!;
    expect(listed.clock).toEqual({ state: "dueSoon", remainingMs: 3 * 3600_000 });

    // The outcome waits for the preliminary report; a subscriber is not staff; the subscriber's own officer role does not decide its case.
    expect(await code(decideProblemReport(w.as("officer"), { id: r.id, outcome: "REVOKE", explanation: "签名已核验，私钥确已泄露。" }))).toBe("PROBLEM_REPORT_PRELIMINARY_FIRST");
    expect(await code(sendPreliminaryReport(w.as("alice"), { id: r.id, text: "我们正在核实。" + "。".repeat(5) }))).toBe("FORBIDDEN");
    const before = await footprint();
    await sendPreliminaryReport(w.as("officer"), { id: r.id, text: "已核验签名，确认私钥泄露，将于今日撤销该证书。" });
    const mails = await w.db.prisma.notification.findMany({ where: { template: { startsWith: "problem-report.preliminary" } }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => [m.template, m.toAddress])).toEqual(expect.arrayContaining([
      ["problem-report.preliminary-reporter", "reporter@example.test"],
      ["problem-report.preliminary-subscriber", "alice@example.test"],
    ]));
    expect((await footprint()).mail).toBe(before.mail + 2);
    const sent = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "problem-report.preliminary-sent", subjectId: r.id } });
    expect(sent.summary).toMatchObject({ clock: "met" });
    expect(await code(sendPreliminaryReport(w.as("officer"), { id: r.id, text: "再发一次初步处理意见，应当被拒绝。" }))).toBe("PROBLEM_REPORT_PRELIMINARY_SENT");
    expect((await raWorkQueue(w.as("officer"), { kind: "problemReport" })).items.find((i) => i.id === r.id)).toMatchObject({ sla: null, status: "PRELIMINARY_SENT" });

    // A key compromise is revoked on clause 3 item (2) only.
    expect(await code(decideProblemReport(w.as("officer"), { id: r.id, outcome: "REVOKE", ground: "USE_OUTSIDE_PURPOSE", explanation: "签名已核验，私钥确已泄露。" }))).toBe("PROBLEM_REPORT_GROUND_NOT_FOR_CATEGORY");
    const done = await decideProblemReport(w.as("officer"), { id: r.id, outcome: "REVOKE", explanation: "签名已核验，私钥确已泄露。" });
    expect(done).toMatchObject({ outcome: "REVOKED", published: true });
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } });
    expect(cert).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
    const request = await w.db.prisma.revocationRequest.findFirstOrThrow({ where: { certificateId: c.id } });
    expect(request).toMatchObject({ kind: "CA_INITIATED", caGround: "KEY_COMPROMISED", status: "DONE" });
    // A verified compromise was a complete request on arrival: its 24 hours ran from the report, not from the decision.
    const stored = await w.db.prisma.problemReport.findUniqueOrThrow({ where: { id: r.id } });
    expect(request.receivedAt).toEqual(stored.receivedAt);
    expect(request.compliantAt).toEqual(stored.receivedAt);
    expect(request.dueAt!.getTime() - stored.receivedAt.getTime()).toBe(24 * 3600_000);
    expect(await ocspAnswer(w, c)).toMatch(/Cert Status: revoked[\s\S]*Revocation Reason: keyCompromise/);
    expect((await w.db.prisma.notification.findMany({ where: { template: { in: ["problem-report.revoked-reporter", "problem-report.revoked-subscriber"] } } })).length).toBe(2);
    const view = await getProblemReport(w.as("officer"), { id: r.id });
    expect(view).toMatchObject({ status: "CLOSED", decision: { outcome: "REVOKED", ground: "KEY_COMPROMISED", revocationReason: "KEY_COMPROMISE" }, can: { decide: { ok: false, reason: "PROBLEM_REPORT_CLOSED" } } });
    const status = await getProblemReportStatus(visitor(), { token: r.statusPath.split("token=")[1]! });
    expect(status).toMatchObject({ status: "CLOSED", outcome: { outcome: "REVOKED", revocationReason: "KEY_COMPROMISE" } });
    expect(await code(decideProblemReport(w.as("officer"), { id: r.id, outcome: "NO_ACTION", explanation: "报告已办结，重复操作应被拒绝。" }))).toBe("PROBLEM_REPORT_CLOSED");
  });

  it("a misuse report answered with no action: the reason mailed to both, the certificate untouched; a late preliminary report is recorded as missed", async () => {
    const c = await issueCert(w, { user: "bob" });
    const r = await report(c, { category: "MISUSE" });
    w.clock.advance(25 * 3600_000);
    expect((await raWorkQueue(w.as("officer"), { kind: "problemReport" })).items.find((i) => i.id === r.id)).toMatchObject({ sla: "overdue" });
    await sendPreliminaryReport(w.as("officer2"), { id: r.id, text: "正在向订户核实证书的使用情况。" });
    expect((await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "problem-report.preliminary-sent", subjectId: r.id } })).summary).toMatchObject({ clock: "missed" });
    // An unproven report is no fact the officer may revoke on alone: that is the CA administrators' dual-controlled revocation.
    const revocationsBefore = await w.db.prisma.revocation.count();
    expect(await code(decideProblemReport(w.as("officer2"), { id: r.id, outcome: "REVOKE", explanation: "一人据匿名报告吊销证书，应被拒绝。" }))).toBe("PROBLEM_REPORT_REVOCATION_BY_CA");
    expect(await w.db.prisma.revocation.count()).toBe(revocationsBefore);
    expect((await getProblemReport(w.as("officer2"), { id: r.id })).can.revoke).toEqual({ ok: false, reason: "PROBLEM_REPORT_REVOCATION_BY_CA" });
    await decideProblemReport(w.as("officer2"), { id: r.id, outcome: "NO_ACTION", explanation: "经核实，该证书用于订户申请时载明的用途，未发现滥用。" });
    const mails = await w.db.prisma.notification.findMany({ where: { template: { startsWith: "problem-report.no-action" } } });
    expect(mails.map((m) => m.toAddress).sort()).toEqual(["bob@example.test", "reporter@example.test"]);
    expect(mails.every((m) => (m.payload as { explanation: string }).explanation.includes("未发现滥用"))).toBe(true);
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: c.id } })).status).toBe("ACTIVE");
  });

  it("an officer who holds the certificate decides nothing about it (only the refusal is audited)", async () => {
    const c = await issueCert(w, { user: "officerSubscriber" });
    const r = await report(c, { category: "FRAUD" });
    expect((await getProblemReport(w.as("officerSubscriber"), { id: r.id })).can.sendPreliminary).toMatchObject({ ok: false, reason: "CONFLICT_OF_INTEREST" });
    expect(await code(sendPreliminaryReport(w.as("officerSubscriber"), { id: r.id, text: "这是我自己的证书。" + "。".repeat(3) }))).toBe("CONFLICT_OF_INTEREST");
    expect((await w.db.prisma.problemReport.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("RECEIVED");
  });

  it("the alert job: officers hear once when 4 hours remain and once more when it is overdue; a report whose preliminary report went out is quiet", async () => {
    const c = await issueCert(w, { user: "bob" });
    const r = await report(c, { category: "ILLEGAL_CONTENT" });
    const quiet = await report(c, { category: "OTHER" });
    await sendPreliminaryReport(w.as("officer"), { id: quiet.id, text: "已收到，正在核实报告内容。" });
    const alerts = (template: string, id: string) => w.db.prisma.notification.count({ where: { template, dedupeKey: { startsWith: `${template}:${id}:` } } });
    w.clock.advance(20 * 3600_000 + 60_000);
    const first = await sweepProblemReportAlerts(w.db.prisma, w.clock);
    expect(first?.alertedReportIds).toContain(r.id);
    expect(first?.alertedReportIds).not.toContain(quiet.id);
    // Three officers (officer, officer2, officerSubscriber) are alerted, the administrator is not.
    expect(await alerts("problem-report.preliminary-due-soon", r.id)).toBe(3);
    expect((await sweepProblemReportAlerts(w.db.prisma, w.clock))?.alertedReportIds).not.toContain(r.id);
    expect(await alerts("problem-report.preliminary-due-soon", r.id)).toBe(3);
    w.clock.advance(4 * 3600_000);
    await sweepProblemReportAlerts(w.db.prisma, w.clock);
    expect(await alerts("problem-report.preliminary-overdue", r.id)).toBe(3);
    expect(await w.db.prisma.auditEvent.count({ where: { subjectId: r.id, action: { in: ["problem-report.preliminary-due-soon-alerted", "problem-report.preliminary-overdue-alerted"] } } })).toBe(2);
  });
});
