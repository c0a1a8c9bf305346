// The apply wizard's draft on the server (issue 15, item 1): the step saved as the applicant moves,
// resumed from the dashboard or a reopened tab, deleted as a draft only; a private person names no
// usage scope. Runs on PGlite and PostgreSQL (openTestDb).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { seedDefaultAgreement } from "@/server/agreement/seed-default-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { createApplication } from "@/server/application/create-application";
import { discardDraft } from "@/server/application/discard-draft";
import { saveDraftProgress } from "@/server/application/draft-progress";
import { getDraftForWizard } from "@/server/application/get-draft-for-wizard";
import { listMyDrafts } from "@/server/application/list-my-drafts";
import { seedCertificateProfiles } from "@/server/application/seed-certificate-profiles";
import { subjectDetailProblems } from "@/server/application/subject-details";
import { submitApplication } from "@/server/application/submit-application";
import { updateApplicationDetails } from "@/server/application/update-application-details";
import { fixedClock } from "@/server/core/context";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { seedDefaultRegistrationAuthority } from "@/server/ra/seed-default-registration-authority";
import { recordIdentity } from "@/server/subscriber/record-identity";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { verifyAgentAuthorisation } from "@/server/organisation/verify-agent-authorisation";
import { openTestDb, type Database } from "../support/test-db";
import { ALL_DECLARATIONS, actors, expectCode, jpegBytes, pdfBytes, pngBytes, residentId, uscc } from "./fixtures";

let db: Database;
const clock = fixedClock(new Date("2026-03-02T02:00:00.000Z"));
let A: ReturnType<typeof actors>;

async function accept(name: string, onBehalfOfOrganisationId?: string) {
  const v = (await findCurrentAgreementVersion(db.prisma, clock.now()))!;
  await acceptAgreement(A.as(name), { version: v.version, contentHash: v.contentHash, context: "APPLY", locale: "zh-CN", onBehalfOfOrganisationId });
}

/** A private person's draft as the wizard makes it: no usage scope, only what the person can answer. */
async function personalDraft(name: string) {
  const identity = await recordIdentity(A.as(name), { legalName: "张三", idDocument: { type: "RESIDENT_ID_CARD", number: residentId() } });
  const r = await createApplication(A.as(name), { kind: "NEW", profileCode: "individual-signing", subscriberIdentityId: identity.identityId, subjectDetails: { country: "CN", province: "北京" } });
  return r.applicationId;
}
const row = (id: string) => db.prisma.application.findUniqueOrThrow({ where: { id } });
const auditCount = () => db.prisma.auditEvent.count();

beforeAll(async () => {
  db = await openTestDb();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  A = actors(db, clock);
  await seedDefaultAgreement(db.prisma, clock.now(), {});
  await seedCertificateProfiles(db.prisma, clock.now());
  await seedDefaultRegistrationAuthority(db.prisma, clock.now());
  for (const n of ["alice", "bob"]) {
    await A.make(n, ["SUBSCRIBER"]);
    await accept(n);
  }
});
afterAll(async () => {
  setDocumentKeyRing(null);
  await db?.close();
});

describe("a private person is not asked for a usage scope", () => {
  it("creates a personal draft without one, but an organisation's certificate still needs it", async () => {
    const id = await personalDraft("alice");
    expect((await row(id)).subjectDetails).toEqual({ country: "CN", province: "北京" });
    expect(subjectDetailProblems("individual-signing", { country: "CN" })).toEqual({});
    expect(subjectDetailProblems("organization-seal", { country: "CN", sealName: "合同专用章" })).toEqual({ "subjectDetails.usageScope": ["REQUIRED"] });
    expect(subjectDetailProblems("organization-seal", { country: "CN", sealName: "合同专用章", usageScope: { kind: "项目", name: "x" } })).toEqual({
      "subjectDetails.usageScope": ["KIND_NOT_FOR_PROFILE"],
    });
  });
});

describe("the draft remembers the wizard's step", () => {
  it("saves the step and the ticks, and resumes there with the details, identity and documents", async () => {
    const id = await personalDraft("alice");
    const before = await row(id);
    await attachDocument(A.as("alice"), { applicationId: id, kind: "ID_FRONT", file: { fileName: "front.jpg", bytes: jpegBytes(1) } });
    const saved = await saveDraftProgress(A.as("alice"), { applicationId: id, step: "key", declarations: [...Object.keys(ALL_DECLARATIONS)] as never, feeAcknowledged: true });
    expect(saved).toMatchObject({ step: "key", feeAcknowledged: true });
    // Navigation, not an edit: the version the wizard sends with its next change is the one after the upload.
    expect(saved.version).toBe((await row(id)).version);

    const draft = await getDraftForWizard(A.as("alice"), { applicationId: id });
    expect(draft).toMatchObject({
      id,
      profileCode: "individual-signing",
      organisationId: null,
      subjectDetails: { country: "CN", province: "北京" },
      identity: { legalName: "张三", idDocumentType: "RESIDENT_ID_CARD" },
      documentKinds: ["ID_FRONT"],
      keyGeneration: "CLIENT_CSR",
      hasCsr: false,
      resumeAt: "key",
    });
    expect(draft!.identity!.idDocumentNumber).toHaveLength(18);
    const listed = (await listMyDrafts(A.as("alice"), {})).find((d) => d.id === id);
    expect(listed).toMatchObject({ resumeAt: "key", version: (await row(id)).version, profile: { code: "individual-signing" }, organisationName: null });
    expect(before.wizardProgress).toBeNull();

    // Back to step 2: the details typed again are saved over the draft with the version the progress save returned.
    const again = await saveDraftProgress(A.as("alice"), { applicationId: id, step: "identity", declarations: [], feeAcknowledged: false });
    await updateApplicationDetails(A.as("alice"), { applicationId: id, version: again.version, subjectDetails: { country: "CN", province: "上海", city: "上海" } });
    expect((await row(id)).subjectDetails).toEqual({ country: "CN", province: "上海", city: "上海" });
    // Ticks that were not kept (here: taken back) bring a later step back to where they are asked.
    await saveDraftProgress(A.as("alice"), { applicationId: id, step: "submit", declarations: ["truthfulCompleteLawful"], feeAcknowledged: true });
    expect((await getDraftForWizard(A.as("alice"), { applicationId: id }))!.resumeAt).toBe("declarations");
  });

  it("refuses another user's draft and malformed steps, writing nothing", async () => {
    const id = await personalDraft("alice");
    await saveDraftProgress(A.as("alice"), { applicationId: id, step: "documents", declarations: [], feeAcknowledged: false });
    const before = await row(id);
    const events = await auditCount();
    await expectCode(saveDraftProgress(A.as("bob"), { applicationId: id, step: "fee", declarations: [], feeAcknowledged: true }), "NOT_FOUND");
    await expectCode(getDraftForWizard(A.as("bob"), { applicationId: id }), "NOT_FOUND");
    await expectCode(discardDraft(A.as("bob"), { applicationId: id }), "NOT_FOUND");
    await expectCode(saveDraftProgress(A.as("alice"), { applicationId: id, step: "finished" as never, declarations: [], feeAcknowledged: false }), "VALIDATION_FAILED");
    await expectCode(saveDraftProgress(A.as("alice"), { applicationId: id, step: "fee", declarations: ["<script>" as never], feeAcknowledged: false }), "VALIDATION_FAILED");
    await expectCode(saveDraftProgress(A.as("alice"), { applicationId: "not-a-uuid", step: "fee", declarations: [], feeAcknowledged: false }), "VALIDATION_FAILED");
    expect(await row(id)).toEqual(before);
    expect(await auditCount()).toBe(events);
    expect((await listMyDrafts(A.as("bob"), {})).map((d) => d.id)).not.toContain(id);
  });
});

describe("a stored progress of an old or hostile shape", () => {
  it("is read as no progress (the draft resumes at its first step), never an error", async () => {
    const id = await personalDraft("alice");
    const shapes: unknown[] = ["key", 42, [], { step: "finished" }, { step: "fee", declarations: "all" }, { step: "submit", declarations: Array(50).fill("truthfulCompleteLawful") }, { step: { $ne: 1 } }];
    for (const wizardProgress of shapes) {
      await db.prisma.application.update({ where: { id }, data: { wizardProgress: wizardProgress as never } });
      expect(await getDraftForWizard(A.as("alice"), { applicationId: id })).toMatchObject({ progress: null, resumeAt: "documents" });
      expect((await listMyDrafts(A.as("alice"), {})).find((d) => d.id === id)).toMatchObject({ resumeAt: "documents" });
    }
    // An older shape without the ticks: the step is kept, but nothing after the declarations is skipped to.
    await db.prisma.application.update({ where: { id }, data: { wizardProgress: { step: "submit" } } });
    expect(await getDraftForWizard(A.as("alice"), { applicationId: id })).toMatchObject({ resumeAt: "declarations" });
    // And saved over by the next move.
    await saveDraftProgress(A.as("alice"), { applicationId: id, step: "fee", declarations: [...Object.keys(ALL_DECLARATIONS)] as never, feeAcknowledged: false });
    expect((await row(id)).wizardProgress).toEqual({ step: "fee", declarations: Object.keys(ALL_DECLARATIONS), feeAcknowledged: false });
  });
});

describe("deleting a draft", () => {
  it("closes the applicant's draft with an audit event; it leaves the drafts and cannot be resumed or deleted twice", async () => {
    const id = await personalDraft("bob");
    const { version } = await row(id);
    await expectCode(discardDraft(A.as("bob"), { applicationId: id, version: version + 1 }), "APPLICATION_CHANGED_SINCE_OPENED");
    expect((await row(id)).status).toBe("DRAFT");
    expect(await discardDraft(A.as("bob"), { applicationId: id, version })).toEqual({ applicationId: id, status: "CANCELLED" });
    expect(await row(id)).toMatchObject({ status: "CANCELLED", decidedAt: clock.now() });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { subjectId: id, action: "application.cancelled" } });
    expect(event).toMatchObject({ actorId: A.ids.bob, summary: { from: "DRAFT", to: "CANCELLED", by: "APPLICANT", reason: null } });
    expect((await listMyDrafts(A.as("bob"), {})).map((d) => d.id)).not.toContain(id);
    expect(await getDraftForWizard(A.as("bob"), { applicationId: id })).toBeNull();
    await expectCode(discardDraft(A.as("bob"), { applicationId: id }), "INVALID_STATE_TRANSITION");
    await expectCode(saveDraftProgress(A.as("bob"), { applicationId: id, step: "fee", declarations: [], feeAcknowledged: false }), "INVALID_STATE_TRANSITION");
  });

  it("refuses to delete a submitted application as a draft, changing nothing", async () => {
    const id = await personalDraft("alice");
    await attachDocument(A.as("alice"), { applicationId: id, kind: "ID_FRONT", file: { fileName: "front.jpg", bytes: jpegBytes(2) } });
    await attachDocument(A.as("alice"), { applicationId: id, kind: "ID_BACK", file: { fileName: "back.png", bytes: pngBytes() } });
    await submitApplication(A.as("alice"), { applicationId: id, declarations: ALL_DECLARATIONS });
    const before = await row(id);
    expect(before.status).toBe("SUBMITTED");
    const events = await auditCount();
    await expectCode(discardDraft(A.as("alice"), { applicationId: id }), "INVALID_STATE_TRANSITION");
    await expectCode(saveDraftProgress(A.as("alice"), { applicationId: id, step: "submit", declarations: [], feeAcknowledged: false }), "INVALID_STATE_TRANSITION");
    expect(await getDraftForWizard(A.as("alice"), { applicationId: id })).toBeNull();
    expect(await row(id)).toEqual(before);
    expect(await auditCount()).toBe(events);
    expect((await listMyDrafts(A.as("alice"), {})).map((d) => d.id)).not.toContain(id);
  });
});

describe("an organisation's draft after the agent's authority lapsed", () => {
  it("is no longer listed to the agent (nothing offered that the use cases refuse), and is refused without writing", async () => {
    for (const n of ["orgAdmin", "agent"]) await A.make(n, ["SUBSCRIBER"]);
    await A.make("officer", ["RA_OFFICER"]);
    const org = await registerOrganisation(A.as("orgAdmin"), { name: "上海示例科技有限公司", unifiedSocialCreditCode: uscc() });
    const validUntil = new Date(clock.now().getTime() + 7 * 86_400_000);
    const granted = await grantAgentAuthorisation(A.as("orgAdmin"), {
      organisationId: org.id,
      agentEmail: "agent@example.test",
      scope: ["APPLY"],
      validFrom: clock.now().toISOString(),
      validUntil: validUntil.toISOString(),
      letter: { fileName: "授权委托书.pdf", bytes: pdfBytes("letter") },
    });
    await verifyAgentAuthorisation(A.as("officer"), { authorisationId: granted.authorisationId });
    await accept("agent", org.id);
    const { applicationId: id } = await createApplication(A.as("agent"), {
      kind: "NEW",
      profileCode: "organization-seal",
      organisationId: org.id,
      subjectDetails: { country: "CN", sealName: "合同专用章", usageScope: { kind: "平台", name: "示例电子合同平台" } },
    });
    expect((await listMyDrafts(A.as("agent"), {})).map((d) => d.id)).toContain(id);

    const saved = clock.now();
    clock.set(new Date(validUntil.getTime() + 1));
    try {
      const before = await row(id);
      const events = await auditCount();
      expect((await listMyDrafts(A.as("agent"), {})).map((d) => d.id)).not.toContain(id);
      await expectCode(getDraftForWizard(A.as("agent"), { applicationId: id }), "AGENT_AUTHORISATION_EXPIRED");
      await expectCode(saveDraftProgress(A.as("agent"), { applicationId: id, step: "fee", declarations: [], feeAcknowledged: true }), "AGENT_AUTHORISATION_EXPIRED");
      await expectCode(discardDraft(A.as("agent"), { applicationId: id }), "AGENT_AUTHORISATION_EXPIRED");
      expect(await row(id)).toEqual(before);
      expect(await auditCount()).toBe(events);
      // The organisation's administrator still may act on it.
      expect(await getDraftForWizard(A.as("orgAdmin"), { applicationId: id })).toMatchObject({ id, organisationId: org.id, identity: null });
    } finally {
      clock.set(saved);
    }
  });
});
