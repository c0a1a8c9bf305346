// Issue 14, item 2: the officer's review finds possible duplicates by normalised facts (the same
// identity number however typed, whatever the name's spelling; the same key), across accounts and
// RAs, and lists the subject's history across accounts, bounded. The applications under test go
// through the use cases that store Application.identityKey / publicKeySha256.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { residentIdCheckChar } from "@/domain/identity";
import { attachCsr } from "@/server/application/attach-csr";
import { attachDocument } from "@/server/application/attach-document";
import { createApplication } from "@/server/application/create-application";
import { submitApplication } from "@/server/application/submit-application";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { anonymiseRetainedRecords } from "@/server/privacy/internal/erase-personal-data";
import { approveApplication } from "@/server/ra/approve-application";
import { applicationReview } from "@/server/ra/get-application-review";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { recordIdentity } from "@/server/subscriber/record-identity";
import { ALL_DECLARATIONS, SD, jpegBytes } from "../application/fixtures";
import { acceptFor, openWorld, type World } from "../certificate/fixtures";
import { makeCsr } from "../certificate/pki-helpers";

let w: World;
const withCheck = (first17: string) => first17 + residentIdCheckChar(first17);
const ZHANG = "110101199003070011";
/** Another valid number, one digit apart: a different person. */
const OTHER = withCheck("11010119900307002");

async function subscriber(name: string, legalName: string, number: string) {
  if (!w.users[name]) {
    const u = await w.db.prisma.user.create({ data: { email: `${name}@example.test`, passwordHash: "x", roles: ["SUBSCRIBER"], emailVerifiedAt: w.clock.now() } });
    w.users[name] = { id: u.id, roles: ["SUBSCRIBER"] };
  }
  await recordIdentity(w.as(name), { legalName, idDocument: { type: "RESIDENT_ID_CARD", number } });
  await acceptFor(w, name, "APPLY");
}

/** A submitted application through the use cases, with a browser key (the CSR given, or a fresh one). */
async function submitted(name: string, csrPem = makeCsr(w.tmp, `k${Math.random().toString(36).slice(2)}`).csrPem): Promise<{ applicationId: string; csrPem: string }> {
  const { applicationId } = await createApplication(w.as(name), { kind: "NEW", profileCode: "individual-signing", subjectDetails: SD });
  await attachCsr(w.as(name), { applicationId, csrPem });
  await attachDocument(w.as(name), { applicationId, kind: "ID_FRONT", file: { fileName: "front.jpg", bytes: jpegBytes(1) } });
  await attachDocument(w.as(name), { applicationId, kind: "ID_BACK", file: { fileName: "back.jpg", bytes: jpegBytes(2) } });
  await submitApplication(w.as(name), { applicationId, declarations: ALL_DECLARATIONS });
  return { applicationId, csrPem };
}

const review = async (applicationId: string, who = "officer") => (await applicationReview(w.as(who), { applicationId }))!;

let earlier: { applicationId: string; certificateId: string };
let zhang: { applicationId: string; csrPem: string };
let zhangSpaced: { applicationId: string };
let other: { applicationId: string };
let sameKey: { applicationId: string };

beforeAll(async () => {
  w = await openWorld();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  await seedDefaultRegistrationAuthority(w.db.prisma, w.clock.now());
  // 张三 had a certificate from an earlier account (zhang-old); now applies from a new one, and as
  // "张 三" with the number typed with spaces and a full-width digit from a third.
  await subscriber("zhangOld", "张三", ZHANG);
  const old = await submitted("zhangOld");
  await approveApplication(w.as("officer"), { applicationId: old.applicationId });
  const { certificateId } = await issueCertificate(w.as("officer"), { applicationId: old.applicationId });
  earlier = { applicationId: old.applicationId, certificateId };
  w.clock.advance(86_400_000);
  await subscriber("zhang", "张三", ZHANG);
  zhang = await submitted("zhang");
  await subscriber("zhangSpaced", "张 三", "110101 19900307 001１");
  zhangSpaced = await submitted("zhangSpaced");
  // 张三 too, but another number: the same name is no duplicate.
  await subscriber("namesake", "张三", OTHER);
  other = await submitted("namesake");
  // Another person (another number) whose request carries zhang's key.
  await subscriber("keyReuser", "李四", withCheck("44052418800101001"));
  sameKey = await submitted("keyReuser", zhang.csrPem);
}, 180_000);
afterAll(async () => {
  setDocumentKeyRing(null);
  await w?.close();
});

describe("possible duplicates", () => {
  it("stores one identity key however the number was typed, and the key hash of the CSR", async () => {
    const rows = await w.db.prisma.application.findMany({ where: { id: { in: [zhang.applicationId, zhangSpaced.applicationId, sameKey.applicationId] } }, select: { id: true, identityKey: true, publicKeySha256: true } });
    const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
    expect(byId[zhang.applicationId]!.identityKey).toBe(`P:${ZHANG}`);
    expect(byId[zhangSpaced.applicationId]!.identityKey).toBe(`P:${ZHANG}`);
    expect(byId[zhang.applicationId]!.publicKeySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(byId[sameKey.applicationId]!.publicKeySha256).toBe(byId[zhang.applicationId]!.publicKeySha256);
  });

  it("finds the same ID number under a differently spelled name in another account, and the subject's live certificate", async () => {
    const r = await review(zhangSpaced.applicationId);
    const app = r.duplicates.find((d) => d.id === zhang.applicationId);
    expect(app).toMatchObject({ type: "application", matchedBy: ["SAME_ID_NUMBER"], status: "SUBMITTED", subjectName: "张三", applicantEmail: "zhang@example.test", otherAccount: true, href: `/ra/applications/${zhang.applicationId}` });
    const cert = r.duplicates.find((d) => d.id === earlier.certificateId);
    expect(cert).toMatchObject({ type: "certificate", matchedBy: ["SAME_ID_NUMBER"], href: `/ra/deliveries/${earlier.certificateId}`, otherAccount: true });
    // The namesake with another number and the key reuser are not this subject's duplicates.
    expect(r.duplicates.map((d) => d.id)).not.toContain(other.applicationId);
    expect(r.duplicates.map((d) => d.id)).not.toContain(sameKey.applicationId);
    expect(r.identityMatched).toBe(true);
  });

  it("finds the same key under another person's number, and says which fact matched", async () => {
    const r = await review(sameKey.applicationId);
    expect(r.duplicates.map((d) => [d.id, d.matchedBy])).toEqual([[zhang.applicationId, ["SAME_KEY"]]]);
    const z = await review(zhang.applicationId);
    const matched = Object.fromEntries(z.duplicates.map((d) => [d.id, d.matchedBy]));
    expect(matched[sameKey.applicationId]).toEqual(["SAME_KEY"]);
    expect(matched[zhangSpaced.applicationId]).toEqual(["SAME_ID_NUMBER"]);
  });

  it("finds no duplicate for a different number, even under the same name", async () => {
    const r = await review(other.applicationId);
    expect(r.duplicates).toEqual([]);
    expect(r.history.applications).toEqual([]);
    expect(r.history.certificates).toEqual([]);
  });

  it("shows another RA's application without a link to a page its officer may not open", async () => {
    const ra2 = await w.db.prisma.registrationAuthority.create({ data: { name: "分支注册机构", createdAt: w.clock.now() } });
    const ownRa = (await w.db.prisma.application.findUniqueOrThrow({ where: { id: zhangSpaced.applicationId } })).registrationAuthorityId!;
    const local = await w.db.prisma.user.create({ data: { email: "local-officer@example.test", passwordHash: "x", roles: ["RA_OFFICER"], emailVerifiedAt: w.clock.now(), registrationAuthorityId: ownRa } });
    w.users.localOfficer = { id: local.id, roles: ["RA_OFFICER"] };
    await w.db.prisma.application.update({ where: { id: zhang.applicationId }, data: { registrationAuthorityId: ra2.id } });
    try {
      const r = await review(zhangSpaced.applicationId, "localOfficer");
      expect(r.duplicates.find((d) => d.id === zhang.applicationId)).toMatchObject({ matchedBy: ["SAME_ID_NUMBER"], href: null, subjectName: "张三" });
      // Nothing the other RA's page would refuse: not its applicant's account, not its decision.
      await w.db.prisma.application.update({ where: { id: zhang.applicationId }, data: { decisionReason: "分支机构的审核意见" } });
      const again = await review(zhangSpaced.applicationId, "localOfficer");
      for (const a of [...again.duplicates.filter((d) => d.id === zhang.applicationId), ...again.history.applications.filter((h) => h.id === zhang.applicationId)]) {
        expect(a).toMatchObject({ applicantEmail: null, applicantName: null, decisionReason: null, href: null });
      }
      expect(again.duplicates.some((d) => d.id === zhang.applicationId)).toBe(true);
    } finally {
      await w.db.prisma.application.update({ where: { id: zhang.applicationId }, data: { decisionReason: null } });
      await w.db.prisma.application.update({ where: { id: zhang.applicationId }, data: { registrationAuthorityId: ownRa } });
    }
  });
});

describe("the subject's history", () => {
  it("lists the earlier application and certificate of the same number from other accounts, linked", async () => {
    const r = await review(zhangSpaced.applicationId);
    expect(r.history.certificates.map((c) => [c.id, c.href, c.otherAccount])).toEqual([[earlier.certificateId, `/ra/deliveries/${earlier.certificateId}`, true]]);
    const apps = r.history.applications.map((a) => [a.id, a.status]);
    expect(apps).toContainEqual([earlier.applicationId, "ISSUED"]);
    expect(apps).toContainEqual([zhang.applicationId, "SUBMITTED"]);
    expect(apps.map(([id]) => id)).not.toContain(other.applicationId);
    expect(apps.map(([id]) => id)).not.toContain(zhangSpaced.applicationId);
    expect([r.history.moreApplications, r.history.moreCertificates]).toEqual([0, 0]);
  });

  it("is bounded: the newest 20 applications and a count of the rest", async () => {
    const template = await w.db.prisma.application.findUniqueOrThrow({ where: { id: zhang.applicationId } });
    await w.db.prisma.application.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        kind: "NEW" as const, status: "CANCELLED" as const, applicantId: template.applicantId, subjectType: "INDIVIDUAL" as const,
        subscriberIdentityId: template.subscriberIdentityId, profileId: template.profileId, identityKey: template.identityKey,
        registrationAuthorityId: template.registrationAuthorityId, createdAt: new Date(w.clock.now().getTime() - (i + 2) * 86_400_000 * 10),
      })),
    });
    const r = await review(zhangSpaced.applicationId);
    // 25 cancelled + zhang's + the earlier one = 27 others; 20 listed, newest first.
    expect(r.history.applications).toHaveLength(20);
    expect(r.history.moreApplications).toBe(7);
    expect(r.history.applications[0]!.id).toBe(zhang.applicationId);
    // Cancelled ones are history, not duplicates.
    expect(r.duplicates.filter((d) => d.type === "application").map((d) => d.id)).toEqual([zhang.applicationId]);
  });

  it("erasing the applicant's personal data erases the identity key with the number", async () => {
    await w.db.prisma.$transaction((tx) => anonymiseRetainedRecords(tx, w.users.namesake!.id, w.clock.now()));
    const row = await w.db.prisma.application.findUniqueOrThrow({ where: { id: other.applicationId } });
    expect([row.identityKey, row.publicKeySha256]).toEqual([null, null]);
    expect((await review(other.applicationId)).identityMatched).toBe(false);
  });
});

describe("the same number under another name (issue 15)", () => {
  it("says in words that the name differs, and not for the same name spelled with a space", async () => {
    await subscriber("impostor", "王五", ZHANG);
    const impostor = await submitted("impostor");
    const r = await review(zhangSpaced.applicationId);
    const byId = Object.fromEntries(r.duplicates.map((d) => [d.id, d]));
    expect(byId[impostor.applicationId]).toMatchObject({ type: "application", matchedBy: ["SAME_ID_NUMBER"], subjectName: "王五", otherAccount: true, nameDiffers: true });
    // "张三" against "张 三": one name typed two ways, no name warning.
    expect(byId[zhang.applicationId]).toMatchObject({ nameDiffers: false });
    // Seen from the impostor's application, the real holder's applications differ by name too.
    const fromImpostor = await review(impostor.applicationId);
    expect(fromImpostor.duplicates.filter((d) => d.type === "application").every((d) => d.type === "application" && d.nameDiffers)).toBe(true);
  });
});
