import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { cancelApplication } from "@/server/application/cancel-application";
import { createApplication } from "@/server/application/create-application";
import { getApplication } from "@/server/application/get-application";
import { removeDocument } from "@/server/application/remove-document";
import { resubmitApplication } from "@/server/application/resubmit-application";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { submitApplication } from "@/server/application/submit-application";
import { updateApplicationDetails } from "@/server/application/update-application-details";
import { fixedClock } from "@/server/core/context";
import { anonymiseRetainedRecords, ERASED_TEXT } from "@/server/privacy/internal/erase-personal-data";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { raWorkQueue } from "@/server/ra/ra-work-queue";
import { requestMoreInformation } from "@/server/ra/request-more-information";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { recordIdentity } from "@/server/subscriber/record-identity";
import { openTestDb, type Database } from "../support/test-db";
import { ALL_DECLARATIONS, SD, actors, expectCode, jpegBytes, pngBytes, residentId } from "./fixtures";

// Issue 13, item 1: the officer asks for more information; the applicant answers, replaces documents,
// changes details and resubmits (or withdraws); what the pages offer is the read model's `can`.

let db: Database;
const clock = fixedClock(new Date("2026-03-02T02:00:00.000Z"));
let A: ReturnType<typeof actors>;

const file = (fileName: string, bytes: Buffer) => ({ fileName, bytes });
const row = (id: string) => db.prisma.application.findUniqueOrThrow({ where: { id } });
const events = (action: string, subjectId: string) => db.prisma.auditEvent.findMany({ where: { action, subjectId } });

async function submittedDraft(name: string): Promise<string> {
  const { applicationId } = await createApplication(A.as(name), { kind: "NEW", profileCode: "individual-signing", subjectDetails: { ...SD, province: "北京" } });
  await attachDocument(A.as(name), { applicationId, kind: "ID_FRONT", file: file("front.jpg", jpegBytes(1)) });
  await attachDocument(A.as(name), { applicationId, kind: "ID_BACK", file: file("back.jpg", jpegBytes(2)) });
  return applicationId;
}

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  await seedCertificateProfiles(db.prisma, clock.now());
  await seedDefaultRegistrationAuthority(db.prisma, clock.now());
  for (const n of ["alice", "bob"]) {
    await A.make(n, ["SUBSCRIBER"]);
    await recordIdentity(A.as(n), { legalName: n === "alice" ? "王小明" : "李四", idDocument: { type: "RESIDENT_ID_CARD", number: residentId() } });
    const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
    await acceptAgreement(A.as(n), { version: v.version, contentHash: v.contentHash, context: "APPLY", locale: "zh-CN" });
  }
  await A.make("officer", ["RA_OFFICER"]);
});
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("more information requested -> answer -> resubmit", () => {
  let appId: string;
  let raId: string | null;

  it("the read model's `can` follows the state: draft, submitted, sent back", async () => {
    appId = await submittedDraft("alice");
    const draft = await getApplication(A.as("alice"), { applicationId: appId });
    expect([draft.can.edit.ok, draft.can.submit.ok, draft.can.resubmit.ok, draft.can.cancel.ok]).toEqual([true, true, false, true]);
    expect(draft.infoRequest).toBeNull();
    expect(draft.editor.requiredDocuments).toEqual(["ID_FRONT", "ID_BACK"]);
    // Made without the wizard's key step: the page offers the key before the submission.
    expect(draft.hasCsr).toBe(false);

    await submitApplication(A.as("alice"), { applicationId: appId, version: draft.version, declarations: ALL_DECLARATIONS });
    const submitted = await getApplication(A.as("alice"), { applicationId: appId });
    expect([submitted.can.edit.ok, submitted.can.submit.ok, submitted.can.resubmit.ok, submitted.can.cancel.ok]).toEqual([false, false, false, true]);
    expect(submitted.can.edit).toEqual({ ok: false, reason: "INVALID_STATE_TRANSITION" });
    raId = (await row(appId)).registrationAuthorityId;

    clock.advance(60_000);
    await requestMoreInformation(A.as("officer"), { applicationId: appId, reason: "身份证背面照片模糊，请重新拍摄上传，并补充所在省份。" });
    const sent = await getApplication(A.as("alice"), { applicationId: appId });
    expect([sent.can.edit.ok, sent.can.submit.ok, sent.can.resubmit.ok, sent.can.cancel.ok, sent.can.requestInfo.ok]).toEqual([true, false, true, true, false]);
    expect(sent.infoRequest).toMatchObject({ question: "身份证背面照片模糊，请重新拍摄上传，并补充所在省份。", askedAt: clock.now(), answer: null, answeredAt: null });
    expect(sent.sinceQuestion).toEqual({ added: [], removed: [], details: [] });
    const round = await db.prisma.applicationInfoRequest.findFirstOrThrow({ where: { applicationId: appId } });
    expect(round).toMatchObject({ askedById: A.ids.officer, detailsAtQuestion: { ...SD, province: "北京" } });
    expect((await events("application.info-requested", appId))[0]!.summary).toMatchObject({ infoRequestId: round.id });
  });

  it("a stale version, a missing answer or a second click are refused with nothing written; the answer is stored and the RA sees what changed", async () => {
    clock.advance(60_000);
    const opened = (await row(appId)).version;
    const oldBack = (await db.prisma.document.findFirstOrThrow({ where: { applicationId: appId, kind: "ID_BACK" } })).id;
    await updateApplicationDetails(A.as("alice"), { applicationId: appId, version: opened, subjectDetails: { ...SD, province: "上海" } });
    expect(await removeDocument(A.as("alice"), { applicationId: appId, documentId: oldBack })).toEqual({ documentId: oldBack, withdrawn: true });
    const newBack = await attachDocument(A.as("alice"), { applicationId: appId, kind: "ID_BACK", file: file("back-clear.png", pngBytes()) });
    const current = (await row(appId)).version;
    expect(current).toBe(opened + 3);

    // A tab opened before those edits: refused in words, nothing written.
    const answer = "已重新上传身份证背面照片，省份改为上海。";
    await expectCode(resubmitApplication(A.as("alice"), { applicationId: appId, version: opened, infoResponse: answer, declarations: ALL_DECLARATIONS }), "APPLICATION_CHANGED_SINCE_OPENED");
    await expectCode(resubmitApplication(A.as("alice"), { applicationId: appId, version: current, infoResponse: "   ", declarations: ALL_DECLARATIONS }), "VALIDATION_FAILED");
    await expectCode(resubmitApplication(A.as("bob"), { applicationId: appId, version: current, infoResponse: answer, declarations: ALL_DECLARATIONS }), "NOT_FOUND");
    expect(await row(appId)).toMatchObject({ status: "NEEDS_INFO", version: current });
    expect((await db.prisma.applicationInfoRequest.findFirstOrThrow({ where: { applicationId: appId } })).answer).toBeNull();
    expect(await events("application.resubmitted", appId)).toHaveLength(0);

    const r = await resubmitApplication(A.as("alice"), { applicationId: appId, version: current, infoResponse: answer, declarations: ALL_DECLARATIONS });
    expect(r.status).toBe("SUBMITTED");
    // A second click carries the same version: refused in words, still one resubmission.
    await expectCode(resubmitApplication(A.as("alice"), { applicationId: appId, version: current, infoResponse: answer, declarations: ALL_DECLARATIONS }), "APPLICATION_CHANGED_SINCE_OPENED");

    const after = await row(appId);
    expect(after).toMatchObject({ status: "SUBMITTED", version: current + 1, registrationAuthorityId: raId, submittedAt: clock.now() });
    const round = await db.prisma.applicationInfoRequest.findFirstOrThrow({ where: { applicationId: appId } });
    expect(round).toMatchObject({ answer, answeredById: A.ids.alice, answeredAt: clock.now() });
    const audit = await events("application.resubmitted", appId);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ infoRequestId: round.id, answerSha256: createHash("sha256").update(answer).digest("hex") });
    expect(JSON.stringify(audit[0]!.summary)).not.toContain("上海");

    // Back in the same RA's queue, and the officer sees the question, the answer and what changed.
    const queue = await raWorkQueue(A.as("officer"), { kind: "application" });
    expect(queue.items.filter((i) => i.status === "SUBMITTED").map((i) => i.id)).toContain(appId);
    const seen = await getApplication(A.as("officer"), { applicationId: appId });
    expect(seen.infoRequest).toMatchObject({ answer });
    expect(seen.sinceQuestion!.added.map((d) => d.id)).toEqual([newBack.id]);
    expect(seen.sinceQuestion!.removed.map((d) => d.id)).toEqual([oldBack]);
    expect(seen.sinceQuestion!.details).toEqual([{ field: "province", before: "北京", after: "上海" }]);
    expect(seen.documents.map((d) => d.id)).not.toContain(oldBack);
    expect(seen.withdrawnDocuments.map((d) => d.id)).toEqual([oldBack]);
    // The withdrawn document is kept, bytes and all, as the record of the first review.
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: oldBack } })).encrypted).not.toBeNull();
  });

  it("documents are added or removed only while the applicant holds the application", async () => {
    const docs = await db.prisma.document.count({ where: { applicationId: appId } });
    const front = (await db.prisma.document.findFirstOrThrow({ where: { applicationId: appId, kind: "ID_FRONT" } })).id;
    await expectCode(attachDocument(A.as("alice"), { applicationId: appId, kind: "OTHER", file: file("x.png", pngBytes()) }), "INVALID_STATE_TRANSITION");
    await expectCode(removeDocument(A.as("alice"), { applicationId: appId, documentId: front }), "INVALID_STATE_TRANSITION");
    expect(await db.prisma.document.count({ where: { applicationId: appId } })).toBe(docs);
    expect((await db.prisma.document.findUniqueOrThrow({ where: { id: front } })).withdrawnAt).toBeNull();

    // In a draft, a document the RA never saw is simply deleted; someone else's is not found.
    const draft = await submittedDraft("bob");
    const bobFront = (await db.prisma.document.findFirstOrThrow({ where: { applicationId: draft, kind: "ID_FRONT" } })).id;
    await expectCode(removeDocument(A.as("alice"), { applicationId: draft, documentId: bobFront }), "NOT_FOUND");
    expect(await removeDocument(A.as("bob"), { applicationId: draft, documentId: bobFront })).toEqual({ documentId: bobFront, withdrawn: false });
    expect(await db.prisma.document.findUnique({ where: { id: bobFront } })).toBeNull();
    await expectCode(removeDocument(A.as("bob"), { applicationId: draft, documentId: bobFront }), "NOT_FOUND");
  });
});

describe("the applicant withdraws", () => {
  it("a draft is cancelled with the version the page showed; a stale one is refused; nothing is offered afterwards", async () => {
    const appId = await submittedDraft("bob");
    const v = (await row(appId)).version;
    await attachDocument(A.as("bob"), { applicationId: appId, kind: "OTHER", file: file("extra.pdf", Buffer.from(pngBytes())) });
    await expectCode(cancelApplication(A.as("bob"), { applicationId: appId, version: v }), "APPLICATION_CHANGED_SINCE_OPENED");
    expect((await row(appId)).status).toBe("DRAFT");
    await expectCode(cancelApplication(A.as("alice"), { applicationId: appId, version: v + 1 }), "NOT_FOUND");
    await cancelApplication(A.as("bob"), { applicationId: appId, version: v + 1 });
    expect(await row(appId)).toMatchObject({ status: "CANCELLED", decidedAt: clock.now() });
    const gone = await getApplication(A.as("bob"), { applicationId: appId });
    expect(Object.values(gone.can).filter((a) => a.ok)).toEqual([]);
    await expectCode(cancelApplication(A.as("bob"), { applicationId: appId }), "INVALID_STATE_TRANSITION");
    await expectCode(submitApplication(A.as("bob"), { applicationId: appId, declarations: ALL_DECLARATIONS }), "INVALID_STATE_TRANSITION");
    expect((await events("application.cancelled", appId))[0]!.summary).toMatchObject({ from: "DRAFT", to: "CANCELLED", by: "APPLICANT" });
  });
});

describe("erasure", () => {
  it("anonymising the applicant's records also blanks each round's details and answer", async () => {
    await db.prisma.$transaction((tx) => anonymiseRetainedRecords(tx, A.ids.alice!, clock.now()));
    const rounds = await db.prisma.applicationInfoRequest.findMany({ where: { application: { applicantId: A.ids.alice! } } });
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) expect(r).toMatchObject({ detailsAtQuestion: {}, question: ERASED_TEXT, answer: ERASED_TEXT });
  });
});
