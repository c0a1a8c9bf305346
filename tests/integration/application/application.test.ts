import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROFILES } from "@/ca/issuance/profiles";
import type { AcceptanceContext } from "@/generated/prisma/client";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { cancelApplication } from "@/server/application/cancel-application";
import { createApplication } from "@/server/application/create-application";
import { getApplication } from "@/server/application/get-application";
import { listMyApplications } from "@/server/application/list-my-applications";
import { assertReadyForIssuance, markApplicationIssued } from "@/server/application/ready-for-issuance";
import { removeDocument } from "@/server/application/remove-document";
import { resubmitApplication } from "@/server/application/resubmit-application";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { submitApplication } from "@/server/application/submit-application";
import { updateApplicationDetails } from "@/server/application/update-application-details";
import { verifyAuditChain } from "@/server/core/audit";
import { fixedClock, type Tx } from "@/server/core/context";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { addOrganisationMember } from "@/server/organisation/add-organisation-member";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { removeOrganisationMember } from "@/server/organisation/remove-organisation-member";
import { revokeAgentAuthorisation } from "@/server/organisation/revoke-agent-authorisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";
import { approveApplication } from "@/server/ra/approve-application";
import { createRegistrationAuthority } from "@/server/ra/create-registration-authority";
import { raWorkQueue } from "@/server/ra/ra-work-queue";
import { recordPayment } from "@/server/ra/record-payment";
import { rejectApplication } from "@/server/ra/reject-application";
import { requestMoreInformation } from "@/server/ra/request-more-information";
import { registrationAuthorities } from "@/server/ra/list-registration-authorities";
import { retireRegistrationAuthority } from "@/server/ra/retire-registration-authority";
import { DEFAULT_RA_NAME, seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { listMyIdentities } from "@/server/subscriber/list-my-identities";
import { recordIdentity } from "@/server/subscriber/record-identity";
import { listAgentAuthorisations } from "@/server/organisation/list-agent-authorisations";
import { listMyOrganisations } from "@/server/organisation/list-my-organisations";
import { openTestDb, type Database } from "../support/test-db";
import { ALL_DECLARATIONS, SD, actors, expectCode, jpegBytes, pdfBytes, pngBytes, residentId, uscc } from "./fixtures";
import { approvedAs } from "../support/approval";

/** The applications an officer's work queue (the RA console's list) shows waiting for review. */
async function submittedInQueue(ctx: Parameters<typeof raWorkQueue>[0]): Promise<string[]> {
  return (await raWorkQueue(ctx, { kind: "application" })).items.filter((i) => i.status === "SUBMITTED").map((i) => i.id);
}

let db: Database;
const clock = fixedClock(new Date("2026-03-02T02:00:00.000Z"));
let A: ReturnType<typeof actors>;
let headRaId: string;
let orgId: string;

const tx = <T>(fn: (t: Tx) => Promise<T>): Promise<T> => db.prisma.$transaction(fn);

async function accept(name: string, context: AcceptanceContext, onBehalfOfOrganisationId?: string) {
  const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
  await acceptAgreement(A.as(name), { version: v.version, contentHash: v.contentHash, context, locale: "zh-CN", onBehalfOfOrganisationId });
}
const file = (fileName: string, bytes: Buffer) => ({ fileName, bytes });

async function individualDraft(name: string) {
  const r = await createApplication(A.as(name), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD });
  await attachDocument(A.as(name), { applicationId: r.applicationId, kind: "ID_FRONT", file: file("front.jpg", jpegBytes(1)) });
  await attachDocument(A.as(name), { applicationId: r.applicationId, kind: "ID_BACK", file: file("back.png", pngBytes()) });
  return r.applicationId;
}

async function makeCertificate(owner: { userId?: string; organisationId?: string }, profileCode: string) {
  const now = clock.now();
  const issuer =
    (await db.prisma.issuingCa.findFirst()) ??
    (await db.prisma.issuingCa.create({
      data: { name: "Test CA", role: "ISSUING", algorithm: "EC-P256", subjectDn: "CN=Test CA", subjectDer: new Uint8Array([0x30, 0]), certificateDer: new Uint8Array([0x30, 0]), keyRef: "file:test", notBefore: now, notAfter: new Date(now.getTime() + 1e11) },
    }));
  const profile = await db.prisma.certificateProfile.findUniqueOrThrow({ where: { code: profileCode } });
  return db.prisma.certificate.create({
    data: {
      issuerId: issuer.id,
      profileId: profile.id,
      serialHex: randomBytes(8).toString("hex"),
      subjectDn: "CN=x",
      subjectDer: new Uint8Array([0x30, 0]),
      publicKeySha256: randomBytes(32).toString("hex"),
      notBefore: now,
      notAfter: new Date(now.getTime() + 365 * 86_400_000),
      der: new Uint8Array([0x30, 0]),
      keyGeneration: "CLIENT_CSR",
      subscriberUserId: owner.userId ?? null,
      subscriberOrganisationId: owner.organisationId ?? null,
    },
  });
}

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  for (const n of ["alice", "bob", "orgAdmin", "member", "agent", "stranger"]) await A.make(n, ["SUBSCRIBER"]);
  await A.make("officer", ["RA_OFFICER"]);
  await A.make("admin", ["CA_ADMIN"]);
});
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("seeds", () => {
  it("creates the default profiles (international and SM2) with the CA engine's codes, once", async () => {
    const created = await seedCertificateProfiles(db.prisma, clock.now());
    expect(created.sort()).toEqual(Object.keys(PROFILES).sort());
    expect(await seedCertificateProfiles(db.prisma, clock.now())).toEqual([]);
    const rows = await db.prisma.certificateProfile.findMany({ orderBy: { code: "asc" } });
    expect(rows.map((r) => [r.code, r.subjectType, r.kind, r.feeCents])).toEqual([
      ["encryption", "INDIVIDUAL", "ENCRYPTION", 0],
      // The dual pair is applied for as a signing certificate; its encryption half comes with it (GM/T 0034).
      ["individual-dual-sm2", "INDIVIDUAL", "SIGNATURE", 0],
      ["individual-signing", "INDIVIDUAL", "SIGNATURE", 0],
      ["individual-signing-sm2", "INDIVIDUAL", "SIGNATURE", 0],
      ["organization-seal", "ORGANISATION", "SEAL", 30_000],
      ["organization-seal-sm2", "ORGANISATION", "SEAL", 30_000],
      ["organization-signing", "ORGANISATION", "SIGNATURE", 30_000],
    ]);
    expect(rows.find((r) => r.code === "organization-seal")!.nameZh).toContain("电子印章");
    expect(rows.every((r) => r.usageScope.length > 10 && r.policyOid === PROFILES[r.code]!.policyOid)).toBe(true);
  });

  it("creates one active head-office RA, once", async () => {
    const first = await seedDefaultRegistrationAuthority(db.prisma, clock.now());
    const second = await seedDefaultRegistrationAuthority(db.prisma, clock.now());
    expect(first.created).toBe(true);
    expect(second).toEqual({ id: first.id, created: false });
    const ra = await db.prisma.registrationAuthority.findUniqueOrThrow({ where: { id: first.id } });
    expect(ra).toMatchObject({ name: DEFAULT_RA_NAME, status: "ACTIVE" });
    headRaId = ra.id;
  });
});

describe("subscribers and organisations", () => {
  it("checks the resident ID checksum and refuses a birth date in the future", async () => {
    const good = residentId();
    const bad = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    await expectCode(recordIdentity(A.as("alice"), { legalName: "王小明", idDocument: { type: "RESIDENT_ID_CARD", number: bad } }), "VALIDATION_FAILED");
    const future = "11010520990101123";
    const { residentIdCheckChar } = await import("@/domain/identity");
    await expectCode(
      recordIdentity(A.as("alice"), { legalName: "王小明", idDocument: { type: "RESIDENT_ID_CARD", number: future + residentIdCheckChar(future) } }),
      "VALIDATION_FAILED",
    );
    const r = await recordIdentity(A.as("alice"), { legalName: "王小明", idDocument: { type: "RESIDENT_ID_CARD", number: good.slice(0, 10) + " " + good.slice(10).toLowerCase() } });
    const row = await db.prisma.subscriberIdentity.findUniqueOrThrow({ where: { id: r.identityId } });
    expect(row).toMatchObject({ userId: A.ids.alice, idDocumentNumber: good, idDocumentType: "RESIDENT_ID_CARD", verifiedAt: null });
    await recordIdentity(A.as("bob"), { legalName: "John Smith", idDocument: { type: "PASSPORT", number: "E12345678" } });
  });

  it("registers an organisation with a checked credit code; the registrant is its admin", async () => {
    const code = uscc();
    const wrong = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    await expectCode(registerOrganisation(A.as("orgAdmin"), { name: "上海示例科技有限公司", unifiedSocialCreditCode: wrong }), "VALIDATION_FAILED");
    const org = await registerOrganisation(A.as("orgAdmin"), { name: "上海示例科技有限公司", unifiedSocialCreditCode: code.toLowerCase() });
    orgId = org.id;
    expect(org.unifiedSocialCreditCode).toBe(code);
    await expectCode(registerOrganisation(A.as("bob"), { name: "冒名公司", unifiedSocialCreditCode: code }), "ORGANISATION_ALREADY_REGISTERED");
    const m = await db.prisma.organisationMember.findFirstOrThrow({ where: { organisationId: orgId } });
    expect(m).toMatchObject({ userId: A.ids.orgAdmin, role: "ADMIN" });
  });

  it("lets only the organisation's admin (or an RA officer) manage members", async () => {
    await expectCode(addOrganisationMember(A.as("stranger"), { organisationId: orgId, email: "member@example.test" }), "FORBIDDEN");
    await addOrganisationMember(A.as("orgAdmin"), { organisationId: orgId, email: "MEMBER@example.test" });
    await expectCode(addOrganisationMember(A.as("member"), { organisationId: orgId, email: "bob@example.test" }), "FORBIDDEN");
    await expectCode(addOrganisationMember(A.as("orgAdmin"), { organisationId: orgId, email: "nobody@example.test" }), "USER_NOT_FOUND");
    await expectCode(removeOrganisationMember(A.as("orgAdmin"), { organisationId: orgId, userId: A.ids.orgAdmin! }), "VALIDATION_FAILED");
    await addOrganisationMember(A.as("officer"), { organisationId: orgId, email: "bob@example.test" });
    await removeOrganisationMember(A.as("orgAdmin"), { organisationId: orgId, userId: A.ids.bob! });
    const bobRow = await db.prisma.organisationMember.findFirstOrThrow({ where: { organisationId: orgId, userId: A.ids.bob } });
    expect(bobRow.removedAt).not.toBeNull();
  });

  it("authorises an agent with scope, dates and a letter; only an admin or an RA officer may", async () => {
    const base = {
      organisationId: orgId,
      agentEmail: "agent@example.test",
      scope: ["APPLY", "RENEW", "CHANGE", "UPDATE"] as ("APPLY" | "RENEW" | "CHANGE" | "UPDATE")[],
      validFrom: new Date("2026-03-01T00:00:00Z").toISOString(),
      validUntil: new Date("2026-09-01T00:00:00Z").toISOString(),
      letter: file("授权委托书.pdf", pdfBytes("letter")),
    };
    await expectCode(grantAgentAuthorisation(A.as("member"), base), "FORBIDDEN");
    await expectCode(grantAgentAuthorisation(A.as("stranger"), base), "FORBIDDEN");
    await expectCode(grantAgentAuthorisation(A.as("orgAdmin"), { ...base, validUntil: base.validFrom }), "VALIDATION_FAILED");
    const docsBefore = await db.prisma.document.count();
    await expectCode(grantAgentAuthorisation(A.as("orgAdmin"), { ...base, letter: file("letter.pdf", Buffer.from("MZ-not-a-pdf")) }), "DOCUMENT_TYPE_NOT_ALLOWED");
    expect(await db.prisma.document.count()).toBe(docsBefore);
    expect(await db.prisma.agentAuthorisation.count()).toBe(0);

    const r = await grantAgentAuthorisation(A.as("orgAdmin"), base);
    expect(r.verified).toBe(false);
    const row = await db.prisma.agentAuthorisation.findUniqueOrThrow({ where: { id: r.authorisationId }, include: { letterDocument: true } });
    expect(row.scope.sort()).toEqual(["APPLY", "CHANGE", "RENEW", "UPDATE"]);
    expect(row.letterDocument).toMatchObject({ kind: "AUTHORISATION_LETTER", sniffedType: "application/pdf", agentAuthorisationId: r.authorisationId });
    const agentUser = await db.prisma.user.findUniqueOrThrow({ where: { id: A.ids.agent } });
    expect(agentUser.roles).toContain("AGENT");
    await expectCode(verifyAgentAuthorisation(A.as("orgAdmin"), { authorisationId: r.authorisationId }), "FORBIDDEN");
    await verifyAgentAuthorisation(A.as("officer"), { authorisationId: r.authorisationId });
    await expectCode(verifyAgentAuthorisation(A.as("officer"), { authorisationId: r.authorisationId }), "INVALID_STATE_TRANSITION");
  });
});

describe("applications", () => {
  let aliceApp: string;

  it("refuses to create an application before the agreement is accepted; an acceptance given in any context covers it (one acceptance rule)", async () => {
    await expectCode(createApplication(A.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD }), "AGREEMENT_NOT_ACCEPTED");
    // Accepted from a renewal page: the next test's NEW application rests on it.
    await accept("alice", "RENEW");
  });

  it("creates a draft assigned to the default RA, for a matching profile and an identity of the applicant", async () => {
    await expectCode(createApplication(A.as("alice"), { kind: "NEW", profileCode: "organization-seal", subjectDetails: SD }), "PROFILE_NOT_AVAILABLE");
    await expectCode(createApplication(A.as("alice"), { kind: "NEW", profileCode: "no-such", subjectDetails: SD }), "PROFILE_NOT_AVAILABLE");
    // A usage scope, when given, is named (1.5); a private person may give none (issue 15: wizard-draft.test.ts).
    await expectCode(createApplication(A.as("alice"), { kind: "NEW", profileCode: "encryption", subjectDetails: { country: "CN", usageScope: { kind: "项目", name: " " } } }), "VALIDATION_FAILED");
    await accept("stranger", "APPLY");
    await expectCode(createApplication(A.as("stranger"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD }), "IDENTITY_REQUIRED");
    const bobIdentity = await db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: A.ids.bob } });
    await expectCode(createApplication(A.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, subscriberIdentityId: bobIdentity.id }), "IDENTITY_REQUIRED");
    const r = await createApplication(A.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: { ...SD, country: "cn", province: "北京" } });
    expect(r).toMatchObject({ status: "DRAFT", registrationAuthorityId: headRaId });
    aliceApp = r.applicationId;
    const row = await db.prisma.application.findUniqueOrThrow({ where: { id: aliceApp } });
    expect(row).toMatchObject({ applicantId: A.ids.alice, subjectType: "INDIVIDUAL", organisationId: null, feeStatus: "NOT_REQUIRED" });
    expect(row.subjectDetails).toEqual({ country: "CN", province: "北京", usageScope: SD.usageScope });
  });

  it("stores documents sniffed by content and refuses forged, oversized and empty files, storing nothing", async () => {
    const count = () => db.prisma.document.count({ where: { applicationId: aliceApp } });
    const attach = (name: string, bytes: Buffer) => attachDocument(A.as("alice"), { applicationId: aliceApp, kind: "ID_FRONT", file: file(name, bytes) });
    const { exeBytes } = await import("./fixtures");
    await expectCode(attach("身份证.pdf", exeBytes()), "DOCUMENT_TYPE_NOT_ALLOWED");
    const pngHeaderOnGarbage = Buffer.concat([pngBytes().subarray(0, 16), randomBytes(400)]);
    await expectCode(attach("front.png", pngHeaderOnGarbage), "DOCUMENT_CORRUPT");
    await expectCode(attach("front.jpg", Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300)])), "DOCUMENT_CORRUPT");
    await expectCode(attach("scan.pdf", Buffer.from("%PDF-1.4\nno trailer here")), "DOCUMENT_CORRUPT");
    const big = Buffer.concat([jpegBytes(), Buffer.alloc(10 * 1024 * 1024)]);
    await expectCode(attach("big.jpg", big), "DOCUMENT_TOO_LARGE");
    await expectCode(attach("empty.pdf", Buffer.alloc(0)), "DOCUMENT_EMPTY");
    expect(await count()).toBe(0);

    // A PNG named .pdf is stored as what it is.
    const d = await attach("really-a-png.pdf", pngBytes());
    expect(d).toMatchObject({ sniffedType: "image/png", fileName: "really-a-png.pdf", size: pngBytes().length });
    const stored = await db.prisma.document.findUniqueOrThrow({ where: { id: d.id } });
    expect(Buffer.from(stored.encrypted!).includes(pngBytes().subarray(12, 29))).toBe(false);
    expect(stored.keyId).toMatch(/^k1-[0-9a-f]{16}$/);
    expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await count()).toBe(1);
    await expectCode(attachDocument(A.as("bob"), { applicationId: aliceApp, kind: "ID_FRONT", file: file("x.png", pngBytes()) }), "NOT_FOUND");
    await removeDocument(A.as("alice"), { applicationId: aliceApp, documentId: d.id });
    expect(await count()).toBe(0);
  });

  it("refuses submission without every declaration or the documents, and an officer cannot approve a draft", async () => {
    await expectCode(submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: { ...ALL_DECLARATIONS, copiesMatchOriginals: false } }), "DECLARATIONS_REQUIRED");
    await expectCode(submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: { truthfulCompleteLawful: true } as never }), "VALIDATION_FAILED");
    await expectCode(submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: ALL_DECLARATIONS }), "DOCUMENTS_MISSING");
    await attachDocument(A.as("alice"), { applicationId: aliceApp, kind: "ID_FRONT", file: file("front.jpg", jpegBytes(2)) });
    await expectCode(submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: ALL_DECLARATIONS }), "DOCUMENTS_MISSING"); // back side
    await attachDocument(A.as("alice"), { applicationId: aliceApp, kind: "ID_BACK", file: file("back.jpg", jpegBytes(3)) });
    await expectCode(approveApplication(A.as("officer"), { applicationId: aliceApp }), "INVALID_STATE_TRANSITION");
    await expectCode(submitApplication(A.as("bob"), { applicationId: aliceApp, declarations: ALL_DECLARATIONS }), "NOT_FOUND");
  });

  it("submits once when two submissions race, records the declarations with their time, and refuses a second submit", async () => {
    const v = (await db.prisma.application.findUniqueOrThrow({ where: { id: aliceApp } })).version;
    await updateApplicationDetails(A.as("alice"), { applicationId: aliceApp, version: v, subjectDetails: { ...SD, country: "CN", province: "北京", city: "北京" } });
    await expectCode(updateApplicationDetails(A.as("alice"), { applicationId: aliceApp, version: v, subjectDetails: { ...SD, country: "CN" } }), "APPLICATION_CHANGED_SINCE_OPENED");
    const results = await Promise.allSettled([
      submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: ALL_DECLARATIONS }),
      submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: ALL_DECLARATIONS }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(["INVALID_STATE_TRANSITION", "CONFLICT"]).toContain((failed.reason as { code: string }).code);
    const events = await db.prisma.auditEvent.count({ where: { action: "application.submitted", subjectId: aliceApp } });
    expect(events).toBe(1);
    const row = await db.prisma.application.findUniqueOrThrow({ where: { id: aliceApp } });
    expect(row).toMatchObject({ status: "SUBMITTED", feeCents: 0, feeStatus: "NOT_REQUIRED" });
    expect(row.declaredAt?.toISOString()).toBe(clock.now().toISOString());
    expect(row.declarations).toMatchObject({ ...ALL_DECLARATIONS, declaredAt: clock.now().toISOString(), declaredBy: A.ids.alice });
    await expectCode(submitApplication(A.as("alice"), { applicationId: aliceApp, declarations: ALL_DECLARATIONS }), "INVALID_STATE_TRANSITION");
    await expectCode(attachDocument(A.as("alice"), { applicationId: aliceApp, kind: "OTHER", file: file("x.png", pngBytes()) }), "INVALID_STATE_TRANSITION");
  });

  it("lets only RA officers review; asks for more information; the applicant amends and resubmits; approval verifies the identity", async () => {
    await expectCode(approveApplication(A.as("alice"), { applicationId: aliceApp }), "FORBIDDEN");
    await expectCode(requestMoreInformation(A.as("admin"), { applicationId: aliceApp, reason: "请补充" }), "FORBIDDEN");
    const queue = await submittedInQueue(A.as("officer"));
    expect(queue).toContain(aliceApp);
    await expectCode(resubmitApplication(A.as("alice"), { applicationId: aliceApp, infoResponse: "已补充", declarations: ALL_DECLARATIONS }), "INVALID_STATE_TRANSITION");
    await requestMoreInformation(A.as("officer"), { applicationId: aliceApp, reason: "身份证背面照片不清晰，请重新上传。" });
    const sent = await db.prisma.application.findUniqueOrThrow({ where: { id: aliceApp }, include: { documents: true } });
    expect(sent).toMatchObject({ status: "NEEDS_INFO", reviewerId: A.ids.officer, decisionReason: "身份证背面照片不清晰，请重新上传。" });
    const mail = await db.prisma.notification.findFirstOrThrow({ where: { userId: A.ids.alice, template: "application.needs-info" } });
    expect(mail.toAddress).toBe("alice@example.test");
    // A document the RA already saw is withdrawn, not deleted: kept as the record of the first review.
    const seen = sent.documents.find((d) => d.kind === "ID_BACK")!;
    expect(await removeDocument(A.as("alice"), { applicationId: aliceApp, documentId: seen.id })).toMatchObject({ withdrawn: true });
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: seen.id } })).withdrawnAt?.toISOString()).toBe(clock.now().toISOString());
    clock.advance(60_000);
    await attachDocument(A.as("alice"), { applicationId: aliceApp, kind: "ID_BACK", file: file("back-clear.png", pngBytes()) });
    await expectCode(approveApplication(A.as("officer"), { applicationId: aliceApp }), "INVALID_STATE_TRANSITION");
    await resubmitApplication(A.as("alice"), { applicationId: aliceApp, infoResponse: "已重新上传背面照片。", declarations: ALL_DECLARATIONS });
    const stale = (await db.prisma.application.findUniqueOrThrow({ where: { id: aliceApp } })).version - 1;
    await expectCode(approveApplication(A.as("officer"), { applicationId: aliceApp, version: stale }), "CONFLICT");
    const r = await approveApplication(A.as("officer"), { applicationId: aliceApp, note: "材料齐全" });
    expect(r).toMatchObject({ status: "APPROVED", feeStatus: "NOT_REQUIRED" });
    await expectCode(resubmitApplication(A.as("alice"), { applicationId: aliceApp, infoResponse: "再次", declarations: ALL_DECLARATIONS }), "INVALID_STATE_TRANSITION");
    await expectCode(rejectApplication(A.as("officer"), { applicationId: aliceApp, reason: "改主意" }), "INVALID_STATE_TRANSITION");
    const identity = await db.prisma.subscriberIdentity.findFirstOrThrow({ where: { userId: A.ids.alice } });
    expect(identity.verifiedById).toBe(A.ids.officer);
    const ready = await tx((t) => assertReadyForIssuance(t, aliceApp));
    expect(ready).toMatchObject({ id: aliceApp, status: "APPROVED", feeStatus: "NOT_REQUIRED" });
    const seenByAlice = await getApplication(A.as("alice"), { applicationId: aliceApp });
    expect(seenByAlice.possibleEvents).toEqual(["ISSUE", "CANCEL"]);
    expect(seenByAlice.documents.length).toBe(2);
    expect(seenByAlice.withdrawnDocuments.map((d) => d.id)).toEqual([seen.id]);
    await expectCode(getApplication(A.as("bob"), { applicationId: aliceApp }), "NOT_FOUND");
    await getApplication(A.as("officer"), { applicationId: aliceApp });
  });

  it("rejects with a reason, and cancels (applicant, or an officer with a reason)", async () => {
    await accept("bob", "APPLY");
    const b1 = await individualDraft("bob");
    await expectCode(cancelApplication(A.as("stranger"), { applicationId: b1 }), "NOT_FOUND");
    await expectCode(cancelApplication(A.as("officer"), { applicationId: b1 }), "VALIDATION_FAILED");
    await cancelApplication(A.as("bob"), { applicationId: b1 });
    await expectCode(submitApplication(A.as("bob"), { applicationId: b1, declarations: ALL_DECLARATIONS }), "INVALID_STATE_TRANSITION");
    const b2 = await individualDraft("bob");
    await submitApplication(A.as("bob"), { applicationId: b2, declarations: ALL_DECLARATIONS });
    await expectCode(rejectApplication(A.as("officer"), { applicationId: b2, reason: "" }), "VALIDATION_FAILED");
    await rejectApplication(A.as("officer"), { applicationId: b2, reason: "护照号码与扫描件不符。" });
    const row = await db.prisma.application.findUniqueOrThrow({ where: { id: b2 } });
    expect(row).toMatchObject({ status: "REJECTED", decisionReason: "护照号码与扫描件不符。" });
    await expectCode(tx((t) => assertReadyForIssuance(t, b2)), "INVALID_STATE_TRANSITION");
    const mine = await listMyApplications(A.as("bob"), {});
    expect(mine.map((m) => m.status).sort()).toEqual(["CANCELLED", "REJECTED"]);
  });

  it("refuses an officer who reviews their own application", async () => {
    await db.prisma.user.update({ where: { id: A.ids.officer }, data: { roles: ["RA_OFFICER", "SUBSCRIBER"] } });
    await recordIdentity(A.as("officer"), { legalName: "李审核", idDocument: { type: "RESIDENT_ID_CARD", number: residentId("245") } });
    await accept("officer", "APPLY");
    const own = await individualDraft("officer");
    await submitApplication(A.as("officer"), { applicationId: own, declarations: ALL_DECLARATIONS });
    await expectCode(approveApplication(A.as("officer"), { applicationId: own }), "CONFLICT_OF_INTEREST");
  });
});

describe("organisation applications by an agent, fees and payment", () => {
  let orgApp: string;

  it("needs the agreement accepted for the organisation, then applies within the agent's scope", async () => {
    await accept("agent", "APPLY");
    await expectCode(createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, country: "CN", sealName: "合同专用章" } }), "AGREEMENT_NOT_ACCEPTED");
    await accept("agent", "APPLY", orgId);
    await expectCode(createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", subjectDetails: SD, organisationId: orgId }), "VALIDATION_FAILED"); // seal name
    // A seal may be used in a system or platform, not a project.
    await expectCode(
      createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, sealName: "合同专用章", usageScope: { kind: "项目", name: "X" } } }),
      "VALIDATION_FAILED",
    );
    await expectCode(createApplication(A.as("agent"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, organisationId: orgId }), "PROFILE_NOT_AVAILABLE");
    await expectCode(
      createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, keyGeneration: "SERVER_PKCS12", subjectDetails: { ...SD, country: "CN", sealName: "合同专用章" } }),
      "VALIDATION_FAILED",
    );
    await accept("stranger", "APPLY");
    await expectCode(createApplication(A.as("stranger"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, country: "CN", sealName: "x" } }), "FORBIDDEN");
    const r = await createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, country: "CN", sealName: "合同专用章" } });
    orgApp = r.applicationId;
    const row = await db.prisma.application.findUniqueOrThrow({ where: { id: orgApp } });
    expect(row).toMatchObject({ subjectType: "ORGANISATION", organisationId: orgId, applicantId: A.ids.agent });
    expect(row.agentAuthorisationId).not.toBeNull();
    await expectCode(submitApplication(A.as("agent"), { applicationId: orgApp, declarations: ALL_DECLARATIONS }), "DOCUMENTS_MISSING");
    await attachDocument(A.as("agent"), { applicationId: orgApp, kind: "BUSINESS_LICENCE", file: file("营业执照.pdf", pdfBytes("licence")) });
    // A seal certificate also needs the seal's image (the seal test stamps it).
    await expect(submitApplication(A.as("agent"), { applicationId: orgApp, declarations: ALL_DECLARATIONS })).rejects.toMatchObject({ code: "DOCUMENTS_MISSING", details: { missing: ["SEAL_IMAGE"] } });
    await attachDocument(A.as("agent"), { applicationId: orgApp, kind: "SEAL_IMAGE", file: file("印章.png", pngBytes()) });
    // The organisation's admin sees and may act on the agent's application.
    expect((await listMyApplications(A.as("orgAdmin"), { organisationId: orgId })).map((a) => a.id)).toContain(orgApp);
    expect(await listMyApplications(A.as("stranger"), { organisationId: orgId })).toEqual([]);
    const s = await submitApplication(A.as("agent"), { applicationId: orgApp, declarations: ALL_DECLARATIONS });
    expect(s).toMatchObject({ status: "SUBMITTED", feeCents: 30_000, feeStatus: "UNPAID" });
  });

  it("copies the fee at submission; issuance waits until an officer records the payment", async () => {
    // A later price change does not change what this applicant owes.
    await db.prisma.certificateProfile.update({ where: { code: "organization-seal" }, data: { feeCents: 50_000 } });
    // Review waits for the payment (clause 1.9, as the applicant is told): approval is refused, nothing is written.
    const unpaid = await db.prisma.application.findUniqueOrThrow({ where: { id: orgApp } });
    await expectCode(approveApplication(A.as("officer"), { applicationId: orgApp }), "REVIEW_AWAITS_PAYMENT");
    expect(await db.prisma.application.findUniqueOrThrow({ where: { id: orgApp } })).toEqual(unpaid);
    const pay = { applicationId: orgApp, amountCents: 30_000, method: "BANK_TRANSFER" as const, reference: "TRX-2026-0001" };
    await expectCode(recordPayment(A.as("orgAdmin"), pay), "FORBIDDEN");
    await expectCode(recordPayment(A.as("officer"), { ...pay, amountCents: 50_000 }), "PAYMENT_AMOUNT_MISMATCH");
    await recordPayment(A.as("officer"), pay);
    await expectCode(recordPayment(A.as("officer"), pay), "PAYMENT_NOT_DUE");
    const freeApp = await db.prisma.application.findFirstOrThrow({ where: { applicantId: A.ids.alice, status: "APPROVED" } });
    await expectCode(recordPayment(A.as("officer"), { ...pay, applicationId: freeApp.id }), "PAYMENT_NOT_DUE");
    const row = await db.prisma.application.findUniqueOrThrow({ where: { id: orgApp } });
    expect(row).toMatchObject({ feeStatus: "PAID", feeCents: 30_000, paymentRecordedById: A.ids.officer });
    expect(row.paymentReference).toContain("TRX-2026-0001");
    await approveApplication(A.as("officer"), { applicationId: orgApp });
    await expect(tx((t) => assertReadyForIssuance(t, orgApp))).resolves.toMatchObject({ status: "APPROVED", feeStatus: "PAID" });
    await tx(async (t) => markApplicationIssued(t, await assertReadyForIssuance(t, orgApp)));
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: orgApp } })).status).toBe("ISSUED");
    await expectCode(tx((t) => assertReadyForIssuance(t, orgApp)), "INVALID_STATE_TRANSITION");
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "application.payment-recorded", subjectId: orgApp } });
    expect(audit.summary).toMatchObject({ amountCents: 30_000, method: "BANK_TRANSFER", reference: "TRX-2026-0001" });
  });

  it("refuses an agent whose authorisation does not cover the action, was revoked, or has expired", async () => {
    await expectCode(createApplication(A.as("agent"), { kind: "REKEY", profileCode: "organization-signing", subjectDetails: SD, organisationId: orgId }), "AGENT_SCOPE_INSUFFICIENT");
    const auth = await db.prisma.agentAuthorisation.findFirstOrThrow({ where: { agentUserId: A.ids.agent } });
    // A second, short authorisation that the organisation then revokes.
    const short = await grantAgentAuthorisation(A.as("officer"), {
      organisationId: orgId,
      agentEmail: "stranger@example.test",
      scope: ["APPLY"],
      validFrom: clock.now().toISOString(),
      validUntil: new Date(clock.now().getTime() + 86_400_000).toISOString(),
      letter: file("letter.png", pngBytes()),
    });
    expect(short.verified).toBe(true);
    await accept("stranger", "APPLY", orgId);
    await expectCode(revokeAgentAuthorisation(A.as("agent"), { authorisationId: short.authorisationId, reason: "离职" }), "FORBIDDEN");
    await revokeAgentAuthorisation(A.as("orgAdmin"), { authorisationId: short.authorisationId, reason: "经办人离职" });
    await expectCode(revokeAgentAuthorisation(A.as("officer"), { authorisationId: short.authorisationId, reason: "again" }), "AGENT_AUTHORISATION_ALREADY_REVOKED");
    await expectCode(
      createApplication(A.as("stranger"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, country: "CN", sealName: "财务章" } }),
      "AGENT_AUTHORISATION_REVOKED",
    );
    // Past the main authorisation's end: expired, and the agent can no longer read the papers either.
    const docId = (await db.prisma.document.findFirstOrThrow({ where: { applicationId: orgApp } })).id;
    const saved = clock.now();
    clock.set(new Date(auth.validUntil.getTime() + 1));
    await expectCode(createApplication(A.as("agent"), { kind: "NEW", profileCode: "organization-seal", organisationId: orgId, subjectDetails: { ...SD, country: "CN", sealName: "财务章" } }), "AGENT_AUTHORISATION_EXPIRED");
    const { readDocument } = await import("@/server/document/read-document");
    await expectCode(readDocument(A.as("agent"), { documentId: docId }), "AGENT_AUTHORISATION_EXPIRED");
    clock.set(saved);
  });
});

let aliceAppCache: string | undefined;
function aliceAppId(): string {
  return aliceAppCache!;
}

describe("change requests", () => {
  it("needs the replaced certificate, owned by the subscriber and valid; the acceptance given while applying covers it", async () => {
    aliceAppCache = (await db.prisma.application.findFirstOrThrow({ where: { applicantId: A.ids.alice, status: "APPROVED" } })).id;
    const mine = await makeCertificate({ userId: A.ids.alice }, "individual-signing");
    const bobs = await makeCertificate({ userId: A.ids.bob }, "individual-signing");
    const orgs = await makeCertificate({ organisationId: orgId }, "organization-signing");
    await expectCode(createApplication(A.as("alice"), { kind: "CHANGE", profileCode: "individual-signing", subjectDetails: SD }), "REPLACED_CERTIFICATE_REQUIRED");
    await expectCode(createApplication(A.as("alice"), { kind: "CHANGE", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: bobs.id }), "REPLACED_CERTIFICATE_INVALID");
    await expectCode(createApplication(A.as("alice"), { kind: "CHANGE", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: orgs.id }), "REPLACED_CERTIFICATE_INVALID");
    await expectCode(createApplication(A.as("alice"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: mine.id }), "VALIDATION_FAILED");
    const r = await createApplication(A.as("alice"), { kind: "CHANGE", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: mine.id });
    await expectCode(createApplication(A.as("alice"), { kind: "CHANGE", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: mine.id }), "CONFLICT");
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: r.applicationId } })).replacesCertificateId).toBe(mine.id);
    await accept("alice", "RENEW");
    await cancelApplication(A.as("alice"), { applicationId: r.applicationId });
    const renew = await createApplication(A.as("alice"), { kind: "RENEW", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: mine.id });
    expect((await db.prisma.application.findUniqueOrThrow({ where: { id: renew.applicationId } })).replacesCertificateId).toBe(mine.id);
    await db.prisma.certificate.update({ where: { id: bobs.id }, data: { revokedAt: clock.now(), revocationReason: "KEY_COMPROMISE" } });
    await accept("bob", "UPDATE");
    await expectCode(createApplication(A.as("bob"), { kind: "UPDATE", profileCode: "individual-signing", subjectDetails: SD, replacesCertificateId: bobs.id }), "REPLACED_CERTIFICATE_INVALID");
  });
});

describe("RA merge and closure (7.3)", () => {
  it("moves open work, and only open work, to the successor in one audited step", async () => {
    await expectCode(createRegistrationAuthority(A.as("officer"), { name: "深圳注册点" }), "FORBIDDEN");
    const shenzhen = await createRegistrationAuthority(A.as("admin"), { name: "深圳注册点" });
    const closedOne = await createRegistrationAuthority(A.as("admin"), { name: "已关闭注册点" });
    await A.make("szOfficer", ["RA_OFFICER"], { registrationAuthorityId: shenzhen.id });
    await recordIdentity(A.as("stranger"), { legalName: "赵六", idDocument: { type: "PASSPORT", number: "P98765432" } });

    const draft = (await createApplication(A.as("stranger"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, registrationAuthorityId: shenzhen.id })).applicationId;
    const submitted = await individualDraftAt("stranger", shenzhen.id);
    await submitApplication(A.as("stranger"), { applicationId: submitted, declarations: ALL_DECLARATIONS });
    const rejected = await individualDraftAt("stranger", shenzhen.id);
    await submitApplication(A.as("stranger"), { applicationId: rejected, declarations: ALL_DECLARATIONS });
    // The Shenzhen officer reviews Shenzhen's queue only.
    await expectCode(approveApplication(A.as("szOfficer"), { applicationId: aliceAppId() }), "REVIEW_NOT_ALLOWED");
    expect((await submittedInQueue(A.as("szOfficer"))).sort()).toEqual([submitted, rejected].sort());
    await rejectApplication(A.as("szOfficer"), { applicationId: rejected, reason: "材料不全" });

    await expectCode(retireRegistrationAuthority(A.as("officer"), { registrationAuthorityId: shenzhen.id, status: "MERGED", successorId: headRaId }), "FORBIDDEN");
    await expectCode(retireRegistrationAuthority(approvedAs(A.as("admin"), "RA_RETIREMENT"), { registrationAuthorityId: shenzhen.id, status: "MERGED", successorId: shenzhen.id }), "RA_SUCCESSOR_INVALID");
    // The admin page offers retiring from the read model's can.retire: the rule the use case enforces.
    const canRetire = async (id: string) => (await registrationAuthorities(A.as("admin"), {})).find((r) => r.id === id)!.can.retire;
    expect(await canRetire(closedOne.id)).toEqual({ ok: true });
    await retireRegistrationAuthority(approvedAs(A.as("admin"), "RA_RETIREMENT"), { registrationAuthorityId: closedOne.id, status: "CLOSED", successorId: shenzhen.id });
    expect(await canRetire(closedOne.id)).toEqual({ ok: false, reason: "RA_NOT_ACTIVE" });
    await expectCode(retireRegistrationAuthority(approvedAs(A.as("admin"), "RA_RETIREMENT"), { registrationAuthorityId: shenzhen.id, status: "MERGED", successorId: closedOne.id }), "RA_SUCCESSOR_INVALID");

    const r = await retireRegistrationAuthority(approvedAs(A.as("admin"), "RA_RETIREMENT"), { registrationAuthorityId: shenzhen.id, status: "MERGED", successorId: headRaId });
    expect(r.movedApplications).toBe(2);
    const where = async (id: string) => (await db.prisma.application.findUniqueOrThrow({ where: { id } })).registrationAuthorityId;
    expect(await where(draft)).toBe(headRaId);
    expect(await where(submitted)).toBe(headRaId);
    expect(await where(rejected)).toBe(shenzhen.id);
    const sz = await db.prisma.registrationAuthority.findUniqueOrThrow({ where: { id: shenzhen.id } });
    expect(sz).toMatchObject({ status: "MERGED", successorId: headRaId });
    expect((await db.prisma.registrationAuthority.findUniqueOrThrow({ where: { id: closedOne.id } })).successorId).toBe(headRaId);
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "ra.retired", subjectId: shenzhen.id } });
    expect((audit.summary as { movedApplicationIds: string[] }).movedApplicationIds.sort()).toEqual([draft, submitted].sort());
    await expectCode(retireRegistrationAuthority(approvedAs(A.as("admin"), "RA_RETIREMENT"), { registrationAuthorityId: shenzhen.id, status: "CLOSED", successorId: headRaId }), "RA_NOT_ACTIVE");
    await expectCode(createApplication(A.as("stranger"), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, registrationAuthorityId: shenzhen.id }), "RA_NOT_ACTIVE");
    // The moved work is now reviewed at the successor.
    await approveApplication(A.as("officer"), { applicationId: submitted });
  });
});

async function individualDraftAt(name: string, registrationAuthorityId: string) {
  const r = await createApplication(A.as(name), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD, registrationAuthorityId });
  await attachDocument(A.as(name), { applicationId: r.applicationId, kind: "ID_FRONT", file: file("passport.jpg", jpegBytes(7)) });
  return r.applicationId;
}

describe("lists for the screens", () => {
  it("shows identities masked, organisations one may act for, and the organisation's authorisations with their state", async () => {
    const ids = await listMyIdentities(A.as("alice"), {});
    expect(ids[0]!.idDocumentNumberMasked).toBe(`110${"*".repeat(11)}${residentId().slice(-4)}`);
    expect(JSON.stringify(ids)).not.toContain(residentId());
    const mine = await listMyOrganisations(A.as("agent"), {});
    expect(mine.memberships).toEqual([]);
    expect(mine.agentFor).toEqual([expect.objectContaining({ id: orgId, verified: true })]);
    expect((await listMyOrganisations(A.as("orgAdmin"), {})).memberships).toEqual([expect.objectContaining({ id: orgId, role: "ADMIN" })]);
    await expectCode(listAgentAuthorisations(A.as("agent"), { organisationId: orgId }), "FORBIDDEN");
    const auths = await listAgentAuthorisations(A.as("orgAdmin"), { organisationId: orgId });
    expect(auths.map((a) => a.state).sort()).toEqual(["IN_FORCE", "REVOKED"]);
  });
});

describe("evidence", () => {
  it("leaves a valid audit chain", async () => {
    const check = await verifyAuditChain(db.prisma);
    expect(check.ok).toBe(true);
    expect(check.count).toBeGreaterThan(40);
  });
});
