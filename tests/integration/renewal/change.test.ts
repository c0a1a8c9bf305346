// Issue 13 item 2 (clause 1.1 / 2.2): a change application from the certificate page, because the
// subscriber's details changed or an objection was resolved by CHANGE. The draft carries over what
// still holds; refusals write nothing; the old certificate is superseded only when the new one is
// accepted (the real CA issues both).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pemToDer } from "@/ca";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { getMyCertificate } from "@/server/certificate/get-my-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { resolveObjection } from "@/server/certificate/resolve-objection";
import { verifyAuditChain } from "@/server/core/audit";
import { documentKeyRing, openDocument, storeDocument } from "@/server/document";
import { requestChange } from "@/server/renewal/request-change";
import { makeCsr } from "../certificate/pki-helpers";
import { DAY, acceptFor, certRow, expectCode, openWorld, type World } from "./world";

let w: World;

beforeAll(async () => {
  w = await openWorld({ realCa: true });
  for (const [name, legalName] of [["alice", "李爱丽"], ["bob", "王博"]] as const) {
    await w.db.prisma.subscriberIdentity.create({
      data: { userId: w.users[name]!, legalName, idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X", verifiedAt: w.clock.now(), verifiedById: w.users.officer! },
    });
  }
}, 120_000);
afterAll(async () => {
  await w?.close();
});

let n = 0;

/** A first certificate issued by the real CA from an approved application, received and explicitly accepted (or still in its test window). */
async function firstCertificate(name: "alice" | "bob", accepted = true) {
  const { csrPem } = makeCsr(w.tmp, `first-${++n}`);
  const identity = await w.db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: w.users[name] } });
  const ra = await w.db.prisma.registrationAuthority.findFirstOrThrow({ where: { status: "ACTIVE" } });
  const app = await w.db.prisma.application.create({
    data: {
      kind: "NEW",
      status: "APPROVED",
      applicantId: w.users[name]!,
      subjectType: "INDIVIDUAL",
      subscriberIdentityId: identity.id,
      profileId: w.profiles["individual-signing"]!,
      registrationAuthorityId: ra.id,
      subjectDetails: { country: "CN", province: "福建省", city: "福州市", usageScope: { kind: "平台", name: "电子政务平台" } },
      csrDer: Uint8Array.from(pemToDer(csrPem)),
    },
  });
  const issued = await issueCertificate(w.as("officer"), { applicationId: app.id });
  const now = w.clock.now();
  await w.db.prisma.certificate.update({
    where: { id: issued.certificateId },
    data: accepted
      ? { receiptAt: now, testWindowDeadline: new Date(now.getTime() + 2 * DAY), acceptanceKind: "EXPLICIT", acceptedAt: now, status: "ACTIVE" }
      : { receiptAt: now, testWindowDeadline: new Date(now.getTime() + 2 * DAY) },
  });
  return { ...issued, applicationId: app.id, csrDer: app.csrDer!, raId: ra.id, identityId: identity.id };
}

/** What a refusal must leave alone: applications and audit events. */
const counts = async () => ({ applications: await w.db.prisma.application.count(), audit: await w.db.prisma.auditEvent.count() });

describe("requestChange", () => {
  it("refuses with clear codes and writes nothing: a stranger, staff, no acceptance for an update, a dead certificate", async () => {
    const cert = await firstCertificate("alice");
    const before = await counts();
    // Not yet accepted the agreement for an update (a change is an update of the certificate).
    await expectCode(requestChange(w.as("alice"), { certificateId: cert.certificateId }), "AGREEMENT_NOT_ACCEPTED");
    await acceptFor(w, "bob", "UPDATE");
    const afterBob = await counts();
    await expectCode(requestChange(w.as("bob"), { certificateId: cert.certificateId }), "NOT_FOUND");
    await expectCode(requestChange(w.as("officer"), { certificateId: cert.certificateId }), "FORBIDDEN");
    await expectCode(requestChange(w.as("alice"), { certificateId: "not-a-uuid" }), "VALIDATION_FAILED");
    await acceptFor(w, "alice", "UPDATE");
    const revoked = await certRow(w, { user: "alice" });
    await w.db.prisma.certificate.update({ where: { id: revoked.id }, data: { revokedAt: w.clock.now(), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
    const beforeDead = await counts();
    expect(await expectCode(requestChange(w.as("alice"), { certificateId: revoked.id }), "CERT_NOT_CHANGEABLE")).toMatchObject({ from: "REVOKED" });
    const expired = await certRow(w, { user: "alice" }, { expiresInDays: -1 });
    await expectCode(requestChange(w.as("alice"), { certificateId: expired.id }), "CERT_NOT_CHANGEABLE");
    await expectCode(requestChange(w.as("alice"), { certificateId: cert.certificateId, csrPem: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----" }), "CSR_INVALID");
    // Only the acceptances written on purpose above: no application, no other event.
    expect((await counts()).applications).toBe(before.applications + 2);
    expect(afterBob.applications).toBe(before.applications);
    expect((await counts()).audit).toBe(beforeDead.audit);
  });

  it("a subscriber whose details changed starts a change without any objection: a DRAFT of kind CHANGE carrying over what still holds; a second one is refused", async () => {
    const cert = await firstCertificate("bob");
    // The first application's documents: the ID card (still holds) and one the applicant withdrew.
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082", "hex");
    // Uploaded by someone else (as a colleague does for an organisation): the copy stays that person's data.
    const front = await w.db.prisma.$transaction((tx) => storeDocument(tx, { ownerUserId: w.users.alice!, kind: "ID_FRONT", file: { fileName: "身份证正面.png", bytes: png }, applicationId: cert.applicationId, now: w.clock.now() }));
    const gone = await w.db.prisma.$transaction((tx) => storeDocument(tx, { ownerUserId: w.users.bob!, kind: "OTHER", file: { fileName: "旧材料.png", bytes: png }, applicationId: cert.applicationId, now: w.clock.now() }));
    await w.db.prisma.document.update({ where: { id: gone.id }, data: { withdrawnAt: w.clock.now() } });
    const page = await getMyCertificate(w.as("bob"), { certificateId: cert.certificateId });
    expect(page.can.change).toEqual({ ok: true });
    w.clock.advance(60_000);
    const r = await requestChange(w.as("bob"), { certificateId: cert.certificateId });
    expect(r).toMatchObject({ status: "DRAFT", kind: "CHANGE", registrationAuthorityId: cert.raId });
    const app = await w.db.prisma.application.findUniqueOrThrow({ where: { id: r.applicationId } });
    expect(app).toMatchObject({
      kind: "CHANGE",
      status: "DRAFT",
      applicantId: w.users.bob,
      subjectType: "INDIVIDUAL",
      subscriberIdentityId: cert.identityId,
      profileId: w.profiles["individual-signing"],
      registrationAuthorityId: cert.raId,
      replacesCertificateId: cert.certificateId,
      keyGeneration: "CLIENT_CSR",
      subjectDetails: { country: "CN", province: "福建省", city: "福州市", usageScope: { kind: "平台", name: "电子政务平台" } },
    });
    // The documents that still hold are copied onto the draft, re-sealed under their own ids; the withdrawn one is not.
    const copies = await w.db.prisma.document.findMany({ where: { applicationId: r.applicationId } });
    expect(copies.map((d) => [d.kind, d.fileName, d.sha256])).toEqual([["ID_FRONT", "身份证正面.png", front.sha256]]);
    expect(copies[0]!.id).not.toBe(front.id);
    expect(copies[0]!.ownerUserId).toBe(w.users.alice);
    expect(openDocument(await documentKeyRing(), copies[0]!.id, { encrypted: copies[0]!.encrypted!, iv: copies[0]!.iv!, tag: copies[0]!.tag!, keyId: copies[0]!.keyId }).equals(png)).toBe(true);
    // The key is kept: the request of the application carried over.
    expect(Buffer.from(app.csrDer!).equals(Buffer.from(cert.csrDer))).toBe(true);
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: r.applicationId } });
    expect(audit.summary).toMatchObject({ kind: "CHANGE", replacesCertificateId: cert.certificateId, changeOrderedByObjectionId: null, csr: false, documentsCarriedOver: 1 });

    // The page and the use case read the same rule: now a replacement is under way.
    expect((await getMyCertificate(w.as("bob"), { certificateId: cert.certificateId })).can.change).toEqual({ ok: false, reason: "CERT_REPLACEMENT_OPEN" });
    const before = await counts();
    expect(await expectCode(requestChange(w.as("bob"), { certificateId: cert.certificateId }), "CERT_REPLACEMENT_OPEN")).toMatchObject({ applicationId: r.applicationId });
    expect(await counts()).toEqual(before);
    // Cancelled, it no longer blocks a new one.
    await w.db.prisma.application.update({ where: { id: r.applicationId }, data: { status: "CANCELLED" } });
    expect((await getMyCertificate(w.as("bob"), { certificateId: cert.certificateId })).can.change).toEqual({ ok: true });
  });

  it("an objection resolved as CHANGE leads into it (the mail links to the change card); the new certificate supersedes the old one only when accepted", async () => {
    const old = await firstCertificate("alice", false);
    const objection = await w.db.prisma.objection.create({
      data: { certificateId: old.certificateId, raisedById: w.users.alice!, raisedAt: w.clock.now(), reason: "证书上的单位名称有误", late: false },
    });
    w.clock.advance(60_000);
    await resolveObjection(w.as("officer"), { objectionId: objection.id, resolution: "CHANGE", note: "按变更重新签发" });
    const mail = await w.db.prisma.notification.findFirstOrThrow({ where: { template: "certificate.objection-resolved", userId: w.users.alice } });
    expect((mail.payload as { path: string }).path).toBe(`/certificates/${old.certificateId}#change`);

    w.clock.advance(60_000);
    const r = await requestChange(w.as("alice"), { certificateId: old.certificateId });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: r.applicationId } });
    expect(audit.summary).toMatchObject({ kind: "CHANGE", changeOrderedByObjectionId: objection.id });

    // Reviewed like any application (the RA's part is another area's): approved, then issued.
    await w.db.prisma.application.update({ where: { id: r.applicationId }, data: { status: "APPROVED", subjectDetails: { country: "CN", province: "福建省", city: "厦门市", usageScope: { kind: "平台", name: "电子政务平台" } } } });
    const fresh = await issueCertificate(w.as("officer"), { applicationId: r.applicationId });
    const now = w.clock.now();
    await w.db.prisma.certificate.update({ where: { id: fresh.certificateId }, data: { receiptAt: now, testWindowDeadline: new Date(now.getTime() + DAY) } });
    let oldRow = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: old.certificateId } });
    expect(oldRow).toMatchObject({ revokedAt: null, supersededById: null });

    w.clock.advance(60_000);
    const acceptedAt = w.clock.now();
    const accepted = await acceptCertificate(w.as("alice"), { certificateId: fresh.certificateId });
    expect(accepted.superseded).toMatchObject({ oldCertificateId: old.certificateId, revoked: true });
    oldRow = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: old.certificateId } });
    expect(oldRow).toMatchObject({ revocationReason: "SUPERSEDED", supersededById: fresh.certificateId, status: "REVOKED" });
    expect(oldRow.revokedAt!.getTime()).toBe(acceptedAt.getTime());
    // Done: the old certificate offers no further change.
    expect((await getMyCertificate(w.as("alice"), { certificateId: old.certificateId })).can.change).toEqual({ ok: false, reason: "CERT_NOT_CHANGEABLE" });
  });

  it("keeps the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
