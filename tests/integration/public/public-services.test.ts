import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OID } from "@/ca/asn1/oids";
import { caOf } from "@/server/ca-service/wire-context";
import { toHttpError } from "@/server/core/errors";
import { PUBLIC_QUERY_LIMIT } from "@/server/public/rate-limit";
import { queryCertificates, serialCandidates } from "@/server/public/query-certificates";
import { reportDigest } from "@/server/verification/internal/evidence-report";
import { assertRequestSize, INPUT_LIMITS, MAX_VERIFICATION_REQUEST_BYTES } from "@/server/verification/input-limits";
import { renderEvidenceReportHtml } from "@/server/verification/render-evidence-report";
import { verifyCertificateFile } from "@/server/verification/verify-certificate-file";
import { verifySignature } from "@/server/verification/verify-signature";
import { verifyTimestamp } from "@/server/verification/verify-timestamp";
import { issueTestCertificate, openssl, openWorld, type TestCertificate, type World } from "./world";
import { testDbKind } from "../support/test-db";

let w: World;
let published: TestCertificate;
let hidden: TestCertificate;
let suspended: TestCertificate;
let revoked: TestCertificate;
let ipCounter = 0;
/** A fresh client address per call, so the rate limit only bites where a test wants it. */
const anon = () => w.anonymous(`192.0.2.${++ipCounter}`);
const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const outcomes = (checks: { id: string; outcome: string; reason: string }[]) => Object.fromEntries(checks.map((c) => [c.id, `${c.outcome}:${c.reason}`]));

beforeAll(async () => {
  w = await openWorld();
  published = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽", publishConsent: true });
  hidden = await issueTestCertificate(w, { holder: "bob", fullName: "王博", publishConsent: false });
  suspended = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽", publishConsent: true });
  revoked = await issueTestCertificate(w, { holder: "bob", fullName: "王博文", publishConsent: true });
  w.clock.advance(3600_000);
  await w.db.prisma.certificate.update({ where: { id: suspended.id }, data: { holdAt: w.clock.now(), status: "SUSPENDED" } });
  await w.db.prisma.certificate.update({ where: { id: revoked.id }, data: { revokedAt: w.clock.now(), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
  w.clock.advance(60_000);
});
afterAll(async () => {
  await w?.close();
});

describe("public certificate query (clause 1.2)", () => {
  it("by serial shows any certificate, but only serial, status and validity without consent", async () => {
    const r = await queryCertificates(anon(), { serial: hidden.serialHex.toUpperCase().replace(/(..)(?=.)/g, "$1:") });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toEqual({
      serialHex: hidden.serialHex,
      status: "VALID",
      notBefore: expect.any(Date),
      notAfter: expect.any(Date),
      published: false,
    });
    const p = await queryCertificates(anon(), { serial: `0x${published.serialHex}` });
    expect(p.results[0]).toMatchObject({ published: true, subjectDn: "CN=李爱丽,C=CN", status: "VALID", profile: { code: "individual-signing" } });
  });

  it("by subject name finds only consenting subscribers' certificates", async () => {
    const wang = await queryCertificates(anon(), { subject: "王博" });
    expect(wang.results.map((c) => c.serialHex)).toEqual([revoked.serialHex]);
    expect(wang.results[0]).toMatchObject({ status: "REVOKED", revocationReason: "KEY_COMPROMISE" });
    const li = await queryCertificates(anon(), { subject: "李爱丽" });
    expect(li.results.map((c) => c.serialHex).sort()).toEqual([published.serialHex, suspended.serialHex].sort());
  });

  it("by organisation name finds the organisation's consenting certificates only", async () => {
    const org = await w.db.prisma.organisation.create({ data: { name: "示例科技有限公司", nameEn: "Example Tech Co., Ltd.", unifiedSocialCreditCode: "91350100M000100Y43" } });
    const orgCert = await issueTestCertificate(w, { holder: "bob", fullName: "王博", publishConsent: true, organisationId: org.id });
    await issueTestCertificate(w, { holder: "bob", fullName: "王博", publishConsent: false, organisationId: org.id });
    const zh = await queryCertificates(anon(), { organisation: "示例科技" });
    expect(zh.results.map((c) => c.serialHex)).toEqual([orgCert.serialHex]);
    expect(zh.results[0]).toMatchObject({ organisation: "示例科技有限公司", status: "VALID" });
    const en = await queryCertificates(anon(), { organisation: "example tech" });
    expect(en.results.map((c) => c.serialHex)).toEqual([orgCert.serialHex]);
    expect((await queryCertificates(anon(), { organisation: "不存在的公司" })).results).toEqual([]);
  });

  it("never shows a suspended certificate as valid", async () => {
    const r = await queryCertificates(anon(), { serial: suspended.serialHex });
    expect(r.results[0]!.status).toBe("SUSPENDED");
    const v = await verifyCertificateFile(anon(), { certificate: readFileSync(suspended.certFile, "utf8") });
    expect(v.verdict.overall).toBe("invalid");
    expect(outcomes(v.verdict.checks).revocation).toBe("fail:on_hold");
  });

  it("refuses a query by a name too short to be specific, and one with two criteria", async () => {
    await expect(queryCertificates(anon(), { subject: "李" })).rejects.toMatchObject({ code: "QUERY_TOO_BROAD" });
    await expect(queryCertificates(anon(), { subject: "李爱丽", serial: "01" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(queryCertificates(anon(), { serial: "xyz" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(serialCandidates("00:A1")).toEqual(expect.arrayContaining(["a1", "00a1"]));
  });

  it("by serial (one statement: count and read together) answers exactly as the name query's Prisma read does", async () => {
    const org = await w.db.prisma.organisation.create({ data: { name: "比对科技有限公司", nameEn: "Compare Tech Ltd.", unifiedSocialCreditCode: "91350100M000200Y38" } });
    const objected = await issueTestCertificate(w, { holder: "alice", fullName: "比对证书", publishConsent: true, organisationId: org.id });
    await w.db.prisma.objection.create({ data: { certificateId: objected.id, raisedById: w.users.alice!.id, reason: "测试不通过", raisedAt: w.clock.now() } });
    const byName = [...(await queryCertificates(anon(), { subject: "王博文" })).results, ...(await queryCertificates(anon(), { subject: "李爱丽" })).results, ...(await queryCertificates(anon(), { organisation: "比对科技" })).results];
    expect(byName.map((c) => c.status).sort()).toEqual(["REVOKED", "SUSPENDED", "VALID", "VALID"]);
    expect(byName.find((c) => c.serialHex === objected.serialHex)).toMatchObject({ organisation: "比对科技有限公司", issuer: expect.stringContaining("CN=") });
    for (const entry of byName) {
      const bySerial = await queryCertificates(anon(), { serial: entry.serialHex });
      expect(bySerial).toEqual({ results: [entry], truncated: false });
    }
    expect(await queryCertificates(anon(), { serial: "7f00000000000000000000000000ab" })).toEqual({ results: [], truncated: false });
  });

  it.runIf(testDbKind() === "postgres")("by serial runs as one named prepared statement on PostgreSQL, planned once and then reused", async () => {
    for (let i = 0; i < 8; i++) await queryCertificates(anon(), { serial: published.serialHex });
    // Sequential queries reuse the pool's most recently released connection: the one that prepared it.
    const prepared = await w.db.prisma.$queryRaw<{ generic: bigint; custom: bigint }[]>`
      SELECT generic_plans AS generic, custom_plans AS custom FROM pg_prepared_statements WHERE statement LIKE '/* portal:prepared */%'`;
    expect(prepared).toHaveLength(1);
    // PostgreSQL plans the first five calls for their parameters, then keeps the generic plan.
    expect(Number(prepared[0]!.generic)).toBeGreaterThanOrEqual(1);
    expect(Number(prepared[0]!.custom) + Number(prepared[0]!.generic)).toBeGreaterThanOrEqual(8);
  });

  it("counts a malformed serial against the budget too", async () => {
    const me = w.anonymous("203.0.113.249");
    for (let i = 0; i < PUBLIC_QUERY_LIMIT.limit; i++) await expect(queryCertificates(me, { serial: "xyz" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(queryCertificates(me, { serial: published.serialHex })).rejects.toMatchObject({ code: "RATE_LIMITED" });
  });

  it("rate limits per client address with a clear RATE_LIMITED and a retry time", async () => {
    const me = w.anonymous("203.0.113.250");
    for (let i = 0; i < PUBLIC_QUERY_LIMIT.limit; i++) await queryCertificates(me, { serial: published.serialHex });
    const err = await queryCertificates(me, { serial: published.serialHex }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "RATE_LIMITED" });
    const http = toHttpError(err, "en");
    expect(http.status).toBe(429);
    expect(http.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
    expect(http.body.error.details.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Another address is unaffected; the same address is served again after the window.
    await expect(queryCertificates(w.anonymous("203.0.113.251"), { serial: published.serialHex })).resolves.toBeTruthy();
    w.clock.advance(PUBLIC_QUERY_LIMIT.windowMs);
    await expect(queryCertificates(me, { serial: published.serialHex })).resolves.toBeTruthy();
  });

  it("counts concurrent requests exactly (one atomic upsert)", async () => {
    const me = w.anonymous("203.0.113.252");
    const results = await Promise.allSettled(Array.from({ length: PUBLIC_QUERY_LIMIT.limit + 5 }, () => queryCertificates(me, { serial: published.serialHex })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(PUBLIC_QUERY_LIMIT.limit);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(5).fill("RATE_LIMITED"));
  });
});

describe("verification service (clause 2.3)", () => {
  it("passes a file signed with openssl by a certificate of ours, and fails it after one changed byte, naming the reason", async () => {
    const data = Buffer.from("采购合同 purchase contract, 2026-03-02\n".repeat(20));
    const dataFile = w.file("contract.txt", data);
    const sigFile = w.file("contract.p7s");
    const signed = openssl(["cms", "-sign", "-binary", "-in", dataFile, "-signer", published.certFile, "-inkey", published.keyFile, "-certfile", published.chainFile, "-outform", "DER", "-out", sigFile]);
    expect(signed.status, signed.out).toBe(0);
    const sig = readFileSync(sigFile);

    const ok = await verifySignature(anon(), { signature: sig, signedData: data });
    expect(ok.verdict.overall).toBe("valid");
    expect(outcomes(ok.verdict.checks)).toMatchObject({ signature: "pass:ok", chain: "pass:ok", revocation: "pass:ok", timestamp: "cannot_tell:no_timestamp" });
    expect(ok.report.inputs).toEqual([
      { role: "signature", size: sig.length, sha256: sha256(sig) },
      { role: "signedData", size: data.length, sha256: sha256(data) },
    ]);
    expect(ok.report.verdict.overall).toBe("valid");

    const changed = Buffer.from(data);
    changed[10] = changed[10]! ^ 0x01;
    const bad = await verifySignature(anon(), { signature: sig, signedData: changed });
    expect(bad.verdict.overall).toBe("invalid");
    expect(outcomes(bad.verdict.checks).signature).toBe("fail:digest_mismatch");
    expect(bad.report.inputs[1]!.sha256).toBe(sha256(changed));

    // The signature itself changed by one byte (inside the signature value at the end).
    const sigChanged = Buffer.from(sig);
    sigChanged[sigChanged.length - 3] = sigChanged[sigChanged.length - 3]! ^ 0x01;
    const bad2 = await verifySignature(anon(), { signature: sigChanged, signedData: data });
    expect(bad2.verdict.overall).toBe("invalid");

    // Detached without the data: the engine cannot tell, and says why.
    const none = await verifySignature(anon(), { signature: sig });
    expect(outcomes(none.verdict.checks).signature).toBe("cannot_tell:no_content");
  });

  it("verifies an attached signature and fails one signed by a suspended certificate", async () => {
    const dataFile = w.file("memo.txt", "内部备忘录\n");
    const out = w.file("memo.p7m");
    expect(openssl(["cms", "-sign", "-binary", "-nodetach", "-in", dataFile, "-signer", suspended.certFile, "-inkey", suspended.keyFile, "-outform", "PEM", "-out", out]).status).toBe(0);
    const v = await verifySignature(anon(), { signature: readFileSync(out, "utf8") });
    expect(outcomes(v.verdict.checks)).toMatchObject({ signature: "pass:ok", revocation: "fail:on_hold" });
    expect(v.verdict.overall).toBe("invalid");
  });

  it("verifies a certificate at a time: valid before the revocation, revoked after", async () => {
    const pem = readFileSync(revoked.certFile, "utf8");
    const revokedAt = (await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: revoked.id } })).revokedAt!;
    const before = await verifyCertificateFile(anon(), { certificate: pem, at: new Date(revokedAt.getTime() - 60_000).toISOString() });
    expect(before.verdict.overall).toBe("valid");
    const after = await verifyCertificateFile(anon(), { certificate: revoked.der });
    expect(outcomes(after.verdict.checks).revocation).toBe("fail:revoked");
    const junk = await verifyCertificateFile(anon(), { certificate: Buffer.from("not a certificate") });
    expect(outcomes(junk.verdict.checks).structure).toBe("fail:malformed");
  });

  it("verifies an RFC 3161 token from our TSA against its data, and fails it against changed data", async () => {
    const ca = await caOf(w.db.prisma)();
    const data = Buffer.from("evidence bytes\n");
    const token = await ca.timestampAuthority(w.clock).timestampDigest(OID.sha256, createHash("sha256").update(data).digest());
    const ok = await verifyTimestamp(anon(), { timestampToken: token, signedData: data });
    expect(ok.verdict.overall).toBe("valid");
    expect(ok.report.verificationTime).toBe(ok.verdict.genTime!.toISOString());
    const bad = await verifyTimestamp(anon(), { timestampToken: token, signedData: Buffer.from("evidence bytes!\n") });
    expect(outcomes(bad.verdict.checks).message_imprint).toBe("fail:digest_mismatch");
    expect(bad.verdict.overall).toBe("invalid");
  });

  it("verifies the CA's own timestamped evidence signature (CMS with embedded token)", async () => {
    const ca = await caOf(w.db.prisma)();
    const content = Buffer.from(JSON.stringify({ receipt: "revocation", at: w.clock.now().toISOString() }));
    const ev = await ca.signEvidence(content, w.clock.now());
    const v = await verifySignature(anon(), { signature: ev.cms });
    expect(v.verdict.overall).toBe("valid");
    expect(v.verdict.signingTime?.source).toBe("timestamp");
  });

  it("refuses inputs over the limits with INPUT_TOO_LARGE naming the field and the limit", async () => {
    const big = Buffer.alloc(INPUT_LIMITS.certificate + 1, 0x30);
    const err = await verifyCertificateFile(anon(), { certificate: big }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INPUT_TOO_LARGE", details: { field: "certificate", limit: INPUT_LIMITS.certificate } });
    const http = toHttpError(err, "zh");
    expect(http.status).toBe(413);
    expect(http.body.error.message).toContain(String(INPUT_LIMITS.certificate));
    // What the route checks before reading a body at all.
    expect(() => assertRequestSize(String(MAX_VERIFICATION_REQUEST_BYTES + 1))).toThrow(expect.objectContaining({ code: "INPUT_TOO_LARGE" }));
    expect(() => assertRequestSize(null)).toThrow(expect.objectContaining({ code: "INPUT_TOO_LARGE" }));
    expect(() => assertRequestSize("1024")).not.toThrow();
    await expect(verifySignature(anon(), { signature: Buffer.from("x"), signedData: Buffer.alloc(INPUT_LIMITS.signedData + 1) })).rejects.toMatchObject({
      code: "INPUT_TOO_LARGE",
      details: { field: "signedData" },
    });
  });

  it("gives an evidence report whose digest covers it, rendered as a printable page in both languages", async () => {
    const v = await verifyCertificateFile(anon(), { certificate: published.der });
    const r = v.report;
    expect(r).toMatchObject({ kind: "certificate", checker: { version: expect.any(String) }, checkedAt: w.clock.now().toISOString() });
    expect(reportDigest(r)).toBe(r.digest);
    expect(reportDigest({ ...r, verdict: { ...r.verdict, overall: "invalid" } })).not.toBe(r.digest);
    // Survives a JSON round trip (what the page route stores or sends).
    expect(reportDigest(JSON.parse(JSON.stringify(r)))).toBe(r.digest);
    const zh = renderEvidenceReportHtml(r, "zh");
    const en = renderEvidenceReportHtml(r, "en");
    expect(zh).toContain("验证证据报告");
    expect(zh).toContain("有效");
    expect(en).toContain("Verification evidence report");
    expect(en).toContain(r.inputs[0]!.sha256);
    expect(en).toContain(r.digest);
    expect(en).not.toMatch(/<script/i);
    // Values are escaped.
    const hostile = renderEvidenceReportHtml({ ...r, checker: { ...r.checker, name: "<script>alert(1)</script>" as never } }, "en");
    expect(hostile).not.toContain("<script>alert(1)</script>");
    expect(hostile).toContain("&lt;script&gt;");
  });
});
