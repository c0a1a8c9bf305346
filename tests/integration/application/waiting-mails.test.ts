import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { createApplication } from "@/server/application/create-application";
import { getApplication } from "@/server/application/get-application";
import { listMyApplications } from "@/server/application/list-my-applications";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { submitApplication } from "@/server/application/submit-application";
import { seedCalendarFromPackage } from "@/server/calendar";
import { fixedClock } from "@/server/core/context";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { createMailRenderer } from "@/server/mail/templates";
import { approveApplication } from "@/server/ra/approve-application";
import { recordPayment } from "@/server/ra/record-payment";
import { rejectApplication } from "@/server/ra/reject-application";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { recordIdentity } from "@/server/subscriber/record-identity";
import { openTestDb, type Database } from "../support/test-db";
import { ALL_DECLARATIONS, SD, actors, expectCode, jpegBytes, residentId } from "./fixtures";

// Issue 15, item 3: every step a subscriber waits on is mailed in the same transaction, in the
// recipient's language, with a link to a page of theirs and the expected review date in working
// days of the statutory calendar; where the profile has a fee, review waits for the payment.

let db: Database;
/** Thursday 2026-12-03 10:00 in Beijing. */
const clock = fixedClock(new Date("2026-12-03T02:00:00.000Z"));
let A: ReturnType<typeof actors>;
const render = createMailRenderer("https://portal.test");
const mailsOf = (applicationId: string) => db.prisma.notification.findMany({ where: { payload: { path: ["applicationId"], equals: applicationId } }, orderBy: { createdAt: "asc" } });

async function submitted(name: string): Promise<string> {
  const { applicationId } = await createApplication(A.as(name), { kind: "NEW", profileCode: "individual-signing", subjectDetails: { ...SD, province: "北京" } });
  await attachDocument(A.as(name), { applicationId, kind: "ID_FRONT", file: { fileName: "front.jpg", bytes: jpegBytes(1) } });
  await attachDocument(A.as(name), { applicationId, kind: "ID_BACK", file: { fileName: "back.jpg", bytes: jpegBytes(2) } });
  const { version } = await db.prisma.application.findUniqueOrThrow({ where: { id: applicationId } });
  await submitApplication(A.as(name), { applicationId, version, declarations: ALL_DECLARATIONS });
  return applicationId;
}

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  await seedCertificateProfiles(db.prisma, clock.now());
  await seedDefaultRegistrationAuthority(db.prisma, clock.now());
  await seedCalendarFromPackage(db.prisma, clock.now());
  for (const n of ["alice", "bob"]) {
    await A.make(n, ["SUBSCRIBER"]);
    await recordIdentity(A.as(n), { legalName: n === "alice" ? "王小明" : "李四", idDocument: { type: "RESIDENT_ID_CARD", number: residentId() } });
    const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
    await acceptAgreement(A.as(n), { version: v.version, contentHash: v.contentHash, context: "APPLY", locale: "zh-CN" });
  }
  await db.prisma.user.update({ where: { id: A.ids.bob! }, data: { locale: "en" } });
  await A.make("officer", ["RA_OFFICER"]);
}, 120_000);
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("waiting mails of the application", () => {
  it("submitted without a fee: mailed in Chinese with the review expected 3 working days later, over the weekend", async () => {
    const id = await submitted("alice");
    const [mail] = await mailsOf(id);
    expect(mail).toMatchObject({ template: "waiting.submitted", locale: "zh-CN", toAddress: "alice@example.test", userId: A.ids.alice });
    // Thursday 3 Dec: Friday 4, Monday 7, Tuesday 8.
    expect(mail!.payload).toMatchObject({ expectedBy: "2026-12-08", workingDays: 3, path: `/applications/${id}` });
    const text = render(mail!).text;
    expect(text).toContain("预计 3 个工作日内完成审核（至 2026-12-08，周末和法定节假日不计入工作日）");
    expect(text).toContain(`https://portal.test/applications/${id}`);
    expect(text).not.toMatch(/\{\w+\}/);
    // The dashboard's read model says the same, with the RA acting.
    const listed = (await listMyApplications(A.as("alice"), {})).find((a) => a.id === id)!;
    expect(listed.next).toEqual({ step: "RA_REVIEW", actor: "RA", workingDays: 3, expectedBy: "2026-12-08", overdue: false, provisional: false });
  });

  it("with a fee: mailed in English with the account and the reference; approval is refused until the payment is recorded, with nothing written", async () => {
    await db.prisma.certificateProfile.update({ where: { code: "individual-signing" }, data: { feeCents: 30_000 } });
    const id = await submitted("bob");
    await db.prisma.certificateProfile.update({ where: { code: "individual-signing" }, data: { feeCents: 0 } });
    const [mail] = await mailsOf(id);
    expect(mail).toMatchObject({ template: "waiting.submitted-payment-due", locale: "en", toAddress: "bob@example.test" });
    const reference = id.replace(/-/g, "").slice(0, 8).toUpperCase();
    const text = render(mail!).text;
    expect(text).toContain("CNY 300.00");
    expect(text).toContain(`Reference to quote: ${reference}`);
    expect(text).toContain("Account number: 6200 0000 0000 0000 000");
    expect(text).not.toMatch(/\{\w+\}/);
    const page = await getApplication(A.as("bob"), { applicationId: id });
    expect(page.next).toEqual({ step: "PAY_FEE", actor: "APPLICANT", feeCents: 30_000 });
    expect(page.payment).toMatchObject({ reference, accountNumber: "6200 0000 0000 0000 000" });
    expect(page.can.approve).toEqual({ ok: false, reason: "REVIEW_AWAITS_PAYMENT" });

    const before = await db.prisma.application.findUniqueOrThrow({ where: { id } });
    const counts = async () => [await db.prisma.notification.count(), await db.prisma.auditEvent.count()];
    const had = await counts();
    await expectCode(approveApplication(A.as("officer"), { applicationId: id }), "REVIEW_AWAITS_PAYMENT");
    expect(await db.prisma.application.findUniqueOrThrow({ where: { id } })).toEqual(before);
    expect(await counts()).toEqual(had);

    // Paid on Friday 4 Dec at 16:00: the review runs from then (Mon 7, Tue 8, Wed 9).
    clock.set(new Date("2026-12-04T08:00:00.000Z"));
    await recordPayment(A.as("officer"), { applicationId: id, amountCents: 30_000, method: "BANK_TRANSFER", reference: `TX-${reference}` });
    const paid = (await mailsOf(id)).find((m) => m.template === "waiting.payment-recorded")!;
    expect(paid).toMatchObject({ locale: "en", toAddress: "bob@example.test" });
    expect(paid.payload).toMatchObject({ expectedBy: "2026-12-09", path: `/applications/${id}` });
    expect(render(paid).text).toContain("expected within 3 working days (by 2026-12-09");

    await approveApplication(A.as("officer"), { applicationId: id });
    const approved = (await mailsOf(id)).find((m) => m.template === "application.approved")!;
    const approvedText = render(approved).text;
    expect(approvedText).toContain("we will mail you again when it is ready to download");
    expect(approvedText).not.toContain("If a fee is due");
    expect((await getApplication(A.as("bob"), { applicationId: id })).next).toEqual({ step: "RA_ISSUE", actor: "RA" });
  });

  it("rejected before payment (review does not wait for it): the page no longer asks for the fee", async () => {
    await db.prisma.certificateProfile.update({ where: { code: "individual-signing" }, data: { feeCents: 30_000 } });
    const id = await submitted("bob");
    await db.prisma.certificateProfile.update({ where: { code: "individual-signing" }, data: { feeCents: 0 } });
    expect((await getApplication(A.as("bob"), { applicationId: id })).payment).not.toBeNull();
    await rejectApplication(A.as("officer"), { applicationId: id, reason: "证件照片无法辨认" });
    const page = await getApplication(A.as("bob"), { applicationId: id });
    expect(page).toMatchObject({ status: "REJECTED", feeStatus: "UNPAID", next: null });
    // Paying for a refused application is what waiting for payment was meant to avoid.
    expect(page.payment).toBeNull();
  });
});
