import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/server/core/audit";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { issueWithServerKey } from "@/server/certificate/issue-with-server-key";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { recordMailDispatch } from "@/server/certificate/record-mail-dispatch";
import { recordMailSignedFor } from "@/server/certificate/record-mail-signed-for";
import { revokeCertificate } from "@/server/revocation/revoke-certificate";
import { testKeyCompromise } from "@/testing/cascade-evidence";
import { acceptFor, makeApplication, openWorld, sh, type World } from "./fixtures";
import { openssl, opensslVerify, pem } from "./pki-helpers";

let w: World;
beforeAll(async () => {
  w = await openWorld();
  w.clock.set(sh("2026-03-02 10:00"));
});
afterAll(async () => {
  await w?.close();
});

const STRONG = "Correct-Horse-42-电池";

describe("issuance from a CSR (clause 1.3)", () => {
  it("refuses subscribers and applications that are not approved or not paid", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "alice" });
    await expect(issueCertificate(w.as("alice"), { applicationId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const submitted = await makeApplication(w, { applicant: "alice", status: "SUBMITTED" });
    await expect(issueCertificate(w.as("officer"), { applicationId: submitted.applicationId })).rejects.toMatchObject({
      code: "INVALID_STATE_TRANSITION",
      details: { from: "SUBMITTED", action: "ISSUE" },
    });
    const unpaid = await makeApplication(w, { applicant: "alice", feeStatus: "UNPAID" });
    await expect(issueCertificate(w.as("officer"), { applicationId: unpaid.applicationId })).rejects.toMatchObject({ code: "APPLICATION_FEE_UNPAID" });
    expect(await w.db.prisma.certificate.count()).toBe(0);
  });

  it("issues exactly once when two officers approve at the same moment", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "alice", feeStatus: "PAID" });
    const results = await Promise.allSettled([
      issueCertificate(w.as("officer"), { applicationId }),
      issueCertificate(w.as("officer2"), { applicationId }),
      issueCertificate(w.as("officer"), { applicationId }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(["CERT_ALREADY_ISSUED", "CERT_ALREADY_ISSUED"]);
    expect(await w.db.prisma.certificate.count({ where: { applicationId } })).toBe(1);
    expect((await w.db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } })).status).toBe("ISSUED");
    expect(await w.db.prisma.auditEvent.count({ where: { action: "certificate.issued" } })).toBe(1);
  });

  it("takes the subject from verified data, never from the CSR; openssl verifies the chain", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "alice" });
    const r = await issueCertificate(w.as("officer"), { applicationId });
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: r.certificateId }, include: { issuer: { include: { parent: true } } } });
    const chain = [cert.issuer.certificateDer, cert.issuer.parent!.certificateDer];
    expect(opensslVerify(w.tmp, cert.der, chain, w.clock.now())).toContain(": OK");
    const text = openssl(["x509", "-noout", "-text", "-nameopt", "utf8"], pem(cert.der)).out;
    expect(text).toContain("CN=李爱丽");
    expect(text).not.toContain("Mallory");
    expect(text).toContain("电子政务平台");
    expect(cert).toMatchObject({ status: "ISSUED", subscriberUserId: w.users.alice!.id, keyGeneration: "CLIENT_CSR", pkcs12: null, receiptAt: null });
    expect(cert.serialHex).toMatch(/^[4-7][0-9a-f]{31}$/);
  });

  it("refuses a CSR without proof of possession and a key already certified for someone else", async () => {
    const first = await makeApplication(w, { applicant: "alice" });
    const app = await w.db.prisma.application.findUniqueOrThrow({ where: { id: first.applicationId } });
    const tampered = Buffer.from(app.csrDer!);
    tampered[tampered.length - 5]! ^= 0xff;
    await w.db.prisma.application.update({ where: { id: app.id }, data: { csrDer: Uint8Array.from(tampered) } });
    await expect(issueCertificate(w.as("officer"), { applicationId: app.id })).rejects.toMatchObject({ code: "CSR_INVALID" });

    const alices = await makeApplication(w, { applicant: "alice" });
    const aliceApp = await w.db.prisma.application.findUniqueOrThrow({ where: { id: alices.applicationId } });
    await issueCertificate(w.as("officer"), { applicationId: aliceApp.id });
    const bobs = await makeApplication(w, { applicant: "bob" });
    await w.db.prisma.application.update({ where: { id: bobs.applicationId }, data: { csrDer: aliceApp.csrDer } });
    await expect(issueCertificate(w.as("officer"), { applicationId: bobs.applicationId })).rejects.toMatchObject({ code: "KEY_ALREADY_CERTIFIED" });
  });

  it("never certifies a key again once it was revoked for key compromise, not even for its owner", async () => {
    const first = await makeApplication(w, { applicant: "alice" });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId: first.applicationId });
    await w.db.prisma.$transaction((tx) => revokeCertificate(tx, { certificateId, reason: "KEY_COMPROMISE", at: w.clock.now(), revokedById: w.users.officer!.id, keyCompromise: testKeyCompromise(tx, w.clock.now()) }));
    const csrDer = (await w.db.prisma.application.findUniqueOrThrow({ where: { id: first.applicationId } })).csrDer;
    const again = await makeApplication(w, { applicant: "alice" });
    await w.db.prisma.application.update({ where: { id: again.applicationId }, data: { csrDer } });
    await expect(issueCertificate(w.as("officer"), { applicationId: again.applicationId })).rejects.toMatchObject({ code: "KEY_BLOCKED" });
  });

  it("issues a private person's certificate without a usage scope (not asked of them, issue 15): no scope notice in it", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "alice", subjectDetails: {} });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    const der = Buffer.from((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } })).der);
    expect(der.includes(Buffer.from("Usage scope"))).toBe(false);
  });
});

describe("server-side key generation into PKCS#12", () => {
  it("only the applicant, with a strong password; the PKCS#12 leaves once, at the first download, and is erased", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "bob", keyGeneration: "SERVER_PKCS12" });
    await expect(issueWithServerKey(w.as("alice"), { applicationId, pkcs12Password: STRONG })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(issueWithServerKey(w.as("bob"), { applicationId, pkcs12Password: "weakpassword" })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(issueCertificate(w.as("officer"), { applicationId })).rejects.toMatchObject({ code: "KEY_GENERATION_MISMATCH" });
    const r = await issueWithServerKey(w.as("bob"), { applicationId, pkcs12Password: STRONG });
    const events = await w.db.prisma.auditEvent.findMany({ where: { subjectId: r.certificateId } });
    expect(JSON.stringify(events)).not.toContain(STRONG);

    await expect(downloadCertificate(w.as("bob"), { certificateId: r.certificateId })).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
    await acceptFor(w, "bob", "DOWNLOAD");
    const d1 = await downloadCertificate(w.as("bob"), { certificateId: r.certificateId });
    expect(d1.pkcs12).not.toBeNull();
    const p12 = w.tmp.file("bob.p12", d1.pkcs12!);
    const info = openssl(["pkcs12", "-in", p12, "-passin", `pass:${STRONG}`, "-nodes", "-info"]);
    expect(info.out).toMatch(/MAC: sha256/);
    expect(info.out).toContain("BEGIN PRIVATE KEY");
    expect(openssl(["pkcs12", "-in", p12, "-passin", "pass:wrong-Password-1", "-nodes"]).status).not.toBe(0);
    const d2 = await downloadCertificate(w.as("bob"), { certificateId: r.certificateId });
    expect(d2.pkcs12).toBeNull();
    expect(d2.receipt).toBeNull();
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: r.certificateId } })).pkcs12).toBeNull();
  });
});

describe("delivery (clause 1.7)", () => {
  it("online: only the holder downloads; the first download is the receipt", async () => {
    const { applicationId } = await makeApplication(w, { applicant: "alice" });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    await expect(downloadCertificate(w.as("bob"), { certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(downloadCertificate(w.as("officer"), { certificateId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await acceptFor(w, "alice", "DOWNLOAD");
    w.clock.set(sh("2026-03-02 23:59"));
    const d = await downloadCertificate(w.as("alice"), { certificateId });
    expect(d.receipt).toMatchObject({ provisional: false, lastWorkingDay: "2026-03-04" });
    expect(d.certificatePem).toContain("BEGIN CERTIFICATE");
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(row).toMatchObject({ deliveryMethod: "ONLINE", receiptAt: sh("2026-03-02 23:59"), testWindowDeadline: sh("2026-03-05 00:00"), testWindowProvisional: false });
    await expect(recordHandOver(w.as("officer"), { certificateId, method: "IN_PERSON", collectedBy: "李爱丽" })).rejects.toMatchObject({ code: "CERT_ALREADY_RECEIVED" });
  });

  it("in person or by an agent: recorded by an RA officer only", async () => {
    w.clock.set(sh("2026-03-06 10:00")); // a Friday
    const { applicationId } = await makeApplication(w, { applicant: "alice" });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    await expect(recordHandOver(w.as("alice"), { certificateId, method: "AGENT", collectedBy: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const r = await recordHandOver(w.as("officer"), { certificateId, method: "AGENT", collectedBy: "张经办 110105..." });
    expect(r.deadline).toEqual(sh("2026-03-11 00:00"));
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(row).toMatchObject({ deliveryMethod: "AGENT", receiptRecordedById: w.users.officer!.id });
  });

  it("mail: dispatch with tracking number, then the signed-for time is the receipt", async () => {
    w.clock.set(sh("2026-03-06 09:00"));
    const { applicationId } = await makeApplication(w, { applicant: "alice" });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    await expect(recordMailSignedFor(w.as("officer"), { certificateId, signedForAt: sh("2026-03-07 11:00") })).rejects.toMatchObject({ code: "INVALID_STATE_TRANSITION" });
    await recordMailDispatch(w.as("officer"), { certificateId, trackingNo: "SF1234567890" });
    w.clock.set(sh("2026-03-09 09:00"));
    await expect(recordMailSignedFor(w.as("officer"), { certificateId, signedForAt: sh("2026-03-10 09:00") })).rejects.toMatchObject({ code: "RECEIPT_TIME_INVALID" });
    const r = await recordMailSignedFor(w.as("officer"), { certificateId, signedForAt: sh("2026-03-07 11:00") }); // a Saturday
    expect(r.deadline).toEqual(sh("2026-03-11 00:00"));
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(row).toMatchObject({ deliveryMethod: "MAIL", mailTrackingNo: "SF1234567890", receiptAt: sh("2026-03-07 11:00"), deliveredAt: sh("2026-03-06 09:00") });
  });

  it("organisation seal: the subject is the verified organisation; an agent downloads only within scope and for the organisation", async () => {
    w.clock.set(sh("2026-03-16 09:00"));
    const org = await w.db.prisma.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
    const { applicationId } = await makeApplication(w, {
      applicant: "agent",
      organisationId: org.id,
      profile: "organization-seal",
      subjectDetails: { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: "示例科技有限公司合同专用章" },
    });
    const { certificateId } = await issueCertificate(w.as("officer"), { applicationId });
    const cert = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
    expect(cert.subscriberOrganisationId).toBe(org.id);
    const subject = openssl(["x509", "-noout", "-subject", "-nameopt", "utf8,sep_comma_plus"], pem(cert.der)).out;
    expect(subject).toContain("O=示例科技有限公司");
    expect(subject).toContain("NTRCN-91350100M000100Y43");
    expect(subject).toContain("CN=示例科技有限公司合同专用章");

    // Without an authorisation the agent may not even see it; with RENEW only, still not.
    await expect(downloadCertificate(w.as("agent"), { certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const auth = await w.db.prisma.agentAuthorisation.create({
      data: { agentUserId: w.users.agent!.id, organisationId: org.id, scope: ["RENEW"], validFrom: sh("2026-01-01 00:00"), validUntil: sh("2027-01-01 00:00"), verifiedAt: sh("2026-01-01 00:00") },
    });
    await expect(downloadCertificate(w.as("agent"), { certificateId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await w.db.prisma.agentAuthorisation.update({ where: { id: auth.id }, data: { scope: ["RENEW", "DOWNLOAD"] } });
    // Accepting for himself is not accepting for the organisation.
    await acceptFor(w, "agent", "DOWNLOAD");
    await expect(downloadCertificate(w.as("agent"), { certificateId })).rejects.toMatchObject({ code: "AGREEMENT_NOT_ACCEPTED" });
    await acceptFor(w, "agent", "DOWNLOAD", org.id);
    const d = await downloadCertificate(w.as("agent"), { certificateId });
    expect(d.receipt).toMatchObject({ provisional: false, deadline: sh("2026-03-19 00:00") });
    const event = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "certificate.received-by-download", subjectId: certificateId } });
    expect(event).toMatchObject({ actorId: w.users.agent!.id, onBehalfOfId: org.id });
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
