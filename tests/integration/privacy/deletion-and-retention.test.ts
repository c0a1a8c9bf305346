import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { verifyAuditChain } from "@/server/core/audit";
import type { DeletionOutcome } from "@/server/privacy/deletion-outcome";
import { ERASED_TEXT } from "@/server/privacy/internal/erase-personal-data";
import { exportMyData } from "@/server/privacy/export-my-data";
import { listMyPrivacyRequests } from "@/server/privacy/list-my-privacy-requests";
import { listPrivacyRequests } from "@/server/privacy/list-privacy-requests";
import { requestDeletion } from "@/server/privacy/request-deletion";
import { addYears } from "@/server/privacy/internal/retention-policy";
import { setRetentionPolicy } from "@/server/privacy/set-retention-policy";
import { sweepRetention } from "@/server/privacy/sweep-retention";
import { openSupportRequest } from "@/server/support/open-support-request";
import { replyToSupportRequest } from "@/server/support/reply-to-support-request";
import { acceptCurrentAgreement } from "@/testing/fixtures/accept-current-agreement";
import { insertApplicationRow } from "@/testing/fixtures/application-row";
import { issueTestCertificate, openWorld, type TestCertificate, type World } from "../public/world";

let w: World;
let cert: TestCertificate;
let revokedCert: TestCertificate;
let aliceAppId: string;
let aliceDocId: string;
let bobDraftId: string;
let letterId: string;

async function makeApplication(holder: string, status: "ISSUED" | "DRAFT") {
  const profile = await w.db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const { applicationId } = await insertApplicationRow(w.db.prisma, {
    applicantId: w.users[holder]!.id,
    profileId: profile.id,
    identity: { legalName: holder === "alice" ? "李爱丽" : "王博", verifiedAt: w.clock.now() },
    status,
    subjectDetails: { fullName: "李爱丽" },
  });
  const doc = await w.db.prisma.document.create({
    data: {
      applicationId,
      ownerUserId: w.users[holder]!.id,
      kind: "ID_FRONT",
      fileName: "id-front.png",
      sniffedType: "image/png",
      size: 4,
      sha256: "a".repeat(64),
      encrypted: new Uint8Array([1, 2, 3, 4]),
      iv: new Uint8Array(12),
      tag: new Uint8Array(16),
      keyId: "k1",
    },
  });
  return { appId: applicationId, docId: doc.id };
}

/** What the sweep may touch, as plain data, to compare two runs. */
async function snapshot() {
  const p = w.db.prisma;
  return JSON.stringify({
    users: await p.user.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true } }),
    identities: await p.subscriberIdentity.findMany({ orderBy: { id: "asc" } }),
    certificates: (await p.certificate.findMany({ orderBy: { id: "asc" }, omit: { updatedAt: true } })).map((c) => ({ ...c, der: Buffer.from(c.der).toString("hex") })),
    requests: await p.privacyRequest.findMany({ orderBy: { id: "asc" } }),
    notifications: await p.notification.count(),
    audit: await p.auditEvent.count(),
  });
}

const markMailSent = (name: string) => w.db.prisma.notification.updateMany({ where: { userId: w.users[name]!.id, status: "PENDING" }, data: { status: "SENT", sentAt: w.clock.now() } });

beforeAll(async () => {
  w = await openWorld();
  await seedDefaultAgreement(w.db.prisma, w.clock.now());
  await acceptCurrentAgreement(w.as("alice"), "APPLY");
  const made = await makeApplication("alice", "ISSUED");
  aliceAppId = made.appId;
  aliceDocId = made.docId;
  cert = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽" });
  await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { applicationId: aliceAppId } });
  revokedCert = await issueTestCertificate(w, { holder: "alice", fullName: "李爱丽" });
  w.clock.advance(86_400_000);
  await w.db.prisma.certificate.update({ where: { id: revokedCert.id }, data: { revokedAt: w.clock.now(), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
  await w.db.prisma.revocation.create({ data: { certificateId: revokedCert.id, reasonCode: "KEY_COMPROMISE", revokedAt: w.clock.now() } });
  const sr = await openSupportRequest(w.as("alice"), { subject: "手机号变更", body: "我的新手机号是 13911112222", certificateId: cert.id });
  await replyToSupportRequest(w.as("officer"), { requestId: sr.requestId, body: "已收到" });
  bobDraftId = (await makeApplication("bob", "DRAFT")).appId;
  // Alice acted as an agent for an organisation: her authorisation letter is part of the record.
  const org = await w.db.prisma.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: "91350100M000100Y43" } });
  const letter = await w.db.prisma.document.create({
    data: { ownerUserId: w.users.alice!.id, kind: "AUTHORISATION_LETTER", fileName: "letter.pdf", sniffedType: "application/pdf", size: 3, sha256: "b".repeat(64), encrypted: new Uint8Array([9, 9, 9]), iv: new Uint8Array(12), tag: new Uint8Array(16), keyId: "k1" },
  });
  letterId = letter.id;
  await w.db.prisma.agentAuthorisation.create({
    data: { agentUserId: w.users.alice!.id, organisationId: org.id, scope: ["RENEW"], validFrom: w.clock.now(), validUntil: new Date(w.clock.now().getTime() + 365 * 86_400_000), letterDocumentId: letter.id },
  });
  w.clock.advance(60_000);
});
afterAll(async () => {
  await w?.close();
});

describe("personal data export (clause 6)", () => {
  it("gives the subscriber everything held about them, document metadata without bytes", async () => {
    await expect(exportMyData(w.anonymous(), {})).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const aliceId = w.users.alice!.id;
    await w.db.prisma.totpFactor.create({ data: { userId: aliceId, secretSealed: "sealed-secret-of-alice", confirmedAt: w.clock.now() } });
    await w.db.prisma.passkey.create({ data: { userId: aliceId, credentialId: "alice-credential", publicKey: Buffer.from([9, 9, 9]), name: "YubiKey" } });
    await w.db.prisma.recoveryCode.createMany({ data: [{ userId: aliceId, codeHash: "hash-1" }, { userId: aliceId, codeHash: "hash-2", usedAt: w.clock.now() }] });
    const x = await exportMyData(w.as("alice"), {});
    expect(x.account).toMatchObject({ email: "alice@example.test", phone: "13800000000" });
    // Her second factors are described, their secrets are not given out.
    expect(x.secondFactors).toMatchObject({ totp: { confirmedAt: expect.any(Date) }, passkeys: [{ name: "YubiKey" }], recoveryCodes: { total: 2, used: 1 } });
    expect(JSON.stringify(x)).not.toMatch(/sealed-secret-of-alice|alice-credential|hash-1/);
    expect(x.identities.map((i) => i.legalName)).toEqual(["李爱丽"]);
    expect(x.applications.map((a) => a.id)).toEqual([aliceAppId]);
    expect(x.applications[0]!.documents[0]).toMatchObject({ id: aliceDocId, fileName: "id-front.png", sha256: "a".repeat(64) });
    expect(x.documentBytesIncluded).toBe(false);
    expect(JSON.stringify(x)).not.toContain('"encrypted"');
    expect(x.certificates.map((c) => c.serialHex).sort()).toEqual([cert.serialHex, revokedCert.serialHex].sort());
    expect(x.certificates.find((c) => c.id === revokedCert.id)!.status).toBe("REVOKED");
    expect(x.agreementAcceptances).toHaveLength(1);
    expect(x.supportThreads[0]!.messages.map((m) => m.body)).toEqual(["我的新手机号是 13911112222", "已收到"]);
    expect(x.notifications.map((n) => n.template)).toContain("support.answered");
    expect(x.auditEvents.map((e) => e.action)).toEqual(expect.arrayContaining(["agreement.accepted", "support.opened", "support.answered"]));
    // JSON all the way (what the download route sends).
    expect(() => JSON.stringify(x)).not.toThrow();
    // Bob's export holds nothing of Alice's.
    const b = await exportMyData(w.as("bob"), {});
    expect(b.certificates).toEqual([]);
    expect(JSON.stringify(b)).not.toContain("alice@example.test");
    expect(await w.db.prisma.privacyRequest.count({ where: { kind: "EXPORT", status: "COMPLETED" } })).toBe(2);
  });
});

describe("deletion request and retention", () => {
  it("lets only a CA administrator set the retention period, never below five years", async () => {
    await expect(setRetentionPolicy(w.as("officer"), { certificateYearsAfterExpiry: 6 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(setRetentionPolicy(w.as("admin"), { certificateYearsAfterExpiry: 3 })).rejects.toMatchObject({ code: "RETENTION_TOO_SHORT" });
    await expect(setRetentionPolicy(w.as("admin"), { certificateYearsAfterExpiry: 6 })).resolves.toMatchObject({ certificateYearsAfterExpiry: 6 });
  });

  it("refuses while an application is open", async () => {
    await expect(requestDeletion(w.as("bob"), { confirm: true })).rejects.toMatchObject({ code: "DELETION_BLOCKED_BY_OPEN_APPLICATION" });
    await w.db.prisma.application.update({ where: { id: bobDraftId }, data: { status: "CANCELLED" } });
    const out = await requestDeletion(w.as("bob"), { confirm: true });
    expect(out.keepUntil).toBeNull();
    expect(out.contactKeptUntil).toBeNull();
  });

  it("erases what the law does not require, keeps certificate records with basis and date, and tells the subscriber", async () => {
    const before = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    const out: DeletionOutcome = await requestDeletion(w.as("alice"), { confirm: true });
    const keepUntil = addYears(before.notAfter, 6).toISOString();
    expect(out.keepUntil).toBe(keepUntil);
    expect(out.contactKeptUntil).toBe(before.notAfter.toISOString());
    const kept = Object.fromEntries(out.kept.map((k) => [k.category, k]));
    expect(kept.certificates!.ids!.sort()).toEqual([cert.id, revokedCert.id].sort());
    expect(kept.certificates!.until).toBe(keepUntil);
    expect(kept.certificates!.basis.zh).toContain("电子签名法");
    expect(kept.revocations!.ids).toHaveLength(1);
    expect(out.erased.find((e) => e.category === "documentContents")!.count).toBe(1);

    const doc = await w.db.prisma.document.findUniqueOrThrow({ where: { id: aliceDocId } });
    expect(doc).toMatchObject({ encrypted: null, iv: null, tag: null, sha256: "a".repeat(64), fileName: "id-front.png" });
    expect(doc.erasedAt).toEqual(w.clock.now());
    expect((await w.db.prisma.document.findUniqueOrThrow({ where: { id: letterId } })).encrypted).not.toBeNull();
    const user = await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.users.alice!.id } });
    expect(user).toMatchObject({ displayName: null, phone: null, email: "alice@example.test", anonymisedAt: null });
    expect(user.disabledAt).not.toBeNull();
    const msgs = await w.db.prisma.supportMessage.findMany({ where: { request: { userId: user.id } } });
    expect(msgs.every((m) => m.body === ERASED_TEXT)).toBe(true);

    // Retained records are intact.
    const after = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(Buffer.from(after.der).equals(Buffer.from(before.der))).toBe(true);
    expect(after.subjectDn).toBe(before.subjectDn);
    expect(await w.db.prisma.revocation.count({ where: { certificateId: revokedCert.id } })).toBe(1);
    expect((await w.db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: user.id } })).idDocumentNumber).toBe("11010519491231002X");
    expect(await w.db.prisma.agreementAcceptance.count({ where: { userId: user.id } })).toBe(1);

    const stored = await w.db.prisma.privacyRequest.findFirstOrThrow({ where: { userId: user.id, kind: "DELETION" } });
    expect(stored.status).toBe("IN_PROGRESS");
    expect((stored.outcome as unknown as DeletionOutcome).keepUntil).toBe(keepUntil);
    const mail = await w.db.prisma.notification.findUniqueOrThrow({ where: { dedupeKey: `privacy-deletion:${stored.id}` } });
    expect(mail).toMatchObject({ template: "privacy.deletion-processed", toAddress: "alice@example.test", status: "PENDING", payload: { path: "/my-data" } });

    await expect(requestDeletion(w.as("alice"), { confirm: true })).rejects.toMatchObject({ code: "PRIVACY_REQUEST_PENDING" });
    // She sees her requests and their outcome; administrators and auditors see everyone's; others nothing.
    const mine = await listMyPrivacyRequests(w.as("alice"), {});
    expect(mine.map((r) => r.kind).sort()).toEqual(["DELETION", "EXPORT"]);
    expect((await listPrivacyRequests(w.as("auditor"), { kind: "DELETION" })).map((r) => r.userId).sort()).toEqual([w.users.alice!.id, w.users.bob!.id].sort());
    await expect(listPrivacyRequests(w.as("officer"), {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The audit summary holds counts and dates, no personal data.
    const ev = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "privacy.deletion-requested", subjectId: stored.id } });
    expect(JSON.stringify(ev.summary)).not.toMatch(/alice@|李爱丽|1101051949/);
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });
  });

  it("sweeps: contact erased once mail is out and no certificate is valid; twice gives the same result", async () => {
    // Bob's outcome mail is still pending: his address stays.
    const first = await sweepRetention(w.db.prisma, w.clock);
    expect(first).toMatchObject({ ran: true, contactErased: [], retentionEnded: [] });
    await markMailSent("bob");
    await markMailSent("alice");
    // Bob had enrolled second factors: nothing of them outlives his erased account.
    const bobId = w.users.bob!.id;
    await w.db.prisma.totpFactor.create({ data: { userId: bobId, secretSealed: "sealed", confirmedAt: w.clock.now() } });
    await w.db.prisma.passkey.create({ data: { userId: bobId, credentialId: "bob-credential", publicKey: Buffer.from([1, 2, 3]), name: "key" } });
    await w.db.prisma.recoveryCode.create({ data: { userId: bobId, codeHash: "hash" } });
    const second = await sweepRetention(w.db.prisma, w.clock);
    expect(second.contactErased).toEqual([w.users.bob!.id]);
    expect(second.retentionEnded).toEqual([w.users.bob!.id]);
    const bob = await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.users.bob!.id } });
    expect(bob.email).toBe(`erased-${bob.id}@erased.invalid`);
    expect(bob.anonymisedAt).not.toBeNull();
    for (const n of [w.db.prisma.totpFactor.count({ where: { userId: bobId } }), w.db.prisma.passkey.count({ where: { userId: bobId } }), w.db.prisma.recoveryCode.count({ where: { userId: bobId } })]) expect(await n).toBe(0);
    expect((await w.db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: bob.id } })).idDocumentNumber).toBe(ERASED_TEXT);
    expect(await w.db.prisma.privacyRequest.findFirstOrThrow({ where: { userId: bob.id, kind: "DELETION" } })).toMatchObject({ status: "COMPLETED" });
    // Alice still holds a valid certificate: her address is kept.
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.users.alice!.id } })).email).toBe("alice@example.test");

    const snap = await snapshot();
    const third = await sweepRetention(w.db.prisma, w.clock);
    expect(third).toMatchObject({ ran: true, contactErased: [], retentionEnded: [] });
    expect(await snapshot()).toBe(snap);
  });

  it("erases the address after the last certificate expires, and the archive only after the retention period", async () => {
    const c = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    w.clock.set(new Date(c.notAfter.getTime() + 1000));
    const r = await sweepRetention(w.db.prisma, w.clock);
    expect(r.contactErased).toEqual([w.users.alice!.id]);
    expect(r.retentionEnded).toEqual([]);
    expect((await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } })).subjectDn).toBe(c.subjectDn);

    // One day before the end of the sixth year: still kept.
    w.clock.set(new Date(addYears(c.notAfter, 6).getTime() - 86_400_000));
    expect((await sweepRetention(w.db.prisma, w.clock)).retentionEnded).toEqual([]);

    w.clock.set(new Date(addYears(c.notAfter, 6).getTime() + 1000));
    // Two instances at once: the work is done once.
    const [a, b] = await Promise.all([sweepRetention(w.db.prisma, w.clock), sweepRetention(w.db.prisma, w.clock)]);
    expect([...a.retentionEnded, ...b.retentionEnded]).toEqual([w.users.alice!.id]);
    const anonymised = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(anonymised).toMatchObject({ subjectDn: ERASED_TEXT, serialHex: cert.serialHex, notAfter: c.notAfter });
    expect(anonymised.der.length).toBe(0);
    expect(await w.db.prisma.document.findUniqueOrThrow({ where: { id: letterId } })).toMatchObject({ encrypted: null, sha256: "b".repeat(64) });
    // The revocation record itself (serial, reason, time) stays: it carries no personal data.
    expect(await w.db.prisma.revocation.count({ where: { certificateId: revokedCert.id } })).toBe(1);
    expect((await w.db.prisma.agreementAcceptance.findFirstOrThrow({ where: { userId: w.users.alice!.id } })).ip).toBeNull();
    const req = await w.db.prisma.privacyRequest.findFirstOrThrow({ where: { userId: w.users.alice!.id, kind: "DELETION" } });
    expect(req.status).toBe("COMPLETED");
    expect(await w.db.prisma.auditEvent.count({ where: { action: "privacy.retention-ended", subjectId: req.id } })).toBe(1);
    await expect(verifyAuditChain(w.db.prisma)).resolves.toMatchObject({ ok: true });

    const snap = await snapshot();
    expect(await sweepRetention(w.db.prisma, w.clock)).toMatchObject({ contactErased: [], retentionEnded: [] });
    expect(await snapshot()).toBe(snap);
  });
});
