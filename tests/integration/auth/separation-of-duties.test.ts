// Separation of duties (issue 12): staff never decide a case they are party to, staff accounts get
// organisation standing from a CA administrator only, and an officer attached to an RA works that
// RA's applications only. Each refusal: the error code, nothing changed, and the refusal's audit
// event ("authority.staff-decision-refused") as the one new row of the chain.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getApplication } from "@/server/application/get-application";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { makeDocumentKeyRing, setDocumentKeyRing } from "@/server/document/document-keys";
import { addOrganisationMember } from "@/server/organisation/add-organisation-member";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { approveApplication } from "@/server/ra/approve-application";
import { applicationReview } from "@/server/ra/get-application-review";
import { raWorkQueue } from "@/server/ra/ra-work-queue";
import { recordPayment } from "@/server/ra/record-payment";
import { getDeliveryView } from "@/server/certificate/certificate-case-views";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { confirmRevocationRequest } from "@/server/revocation/confirm-revocation-request";
import { getRevocationCase } from "@/server/revocation/get-revocation-case";
import { pdfBytes, uscc } from "../application/fixtures";
import { makeApplication, openWorld, type World } from "../certificate/fixtures";

/** The applications an officer's work queue (the RA console's list) shows waiting for review. */
async function submittedInQueue(ctx: Parameters<typeof raWorkQueue>[0]): Promise<string[]> {
  return (await raWorkQueue(ctx, { kind: "application" })).items.filter((i) => i.status === "SUBMITTED").map((i) => i.id);
}

let w: World;
let orgId: string;
let raX: string;
let raY: string;
/** The organisation's certificate issued in "issues neither ..." (the officer is a member of its organisation). */
let orgCertificateId: string;

/** Rows a refused decision must leave as they were. */
async function snapshot() {
  const p = w.db.prisma;
  return {
    applications: await p.application.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, feeStatus: true, version: true, paymentReference: true, reviewerId: true } }),
    certificates: await p.certificate.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, receiptAt: true, deliveredAt: true, revokedAt: true } }),
    revocationRequests: await p.revocationRequest.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, confirmedById: true, doneAt: true } }),
    members: await p.organisationMember.findMany({ orderBy: { id: "asc" }, select: { userId: true, organisationId: true, role: true, removedAt: true } }),
    authorisations: await p.agentAuthorisation.count(),
    documents: await p.document.count(),
    roles: await p.user.findMany({ orderBy: { id: "asc" }, select: { id: true, roles: true } }),
    notifications: await p.notification.count(),
  };
}

/**
 * Runs a staff decision that must be refused with `code`: asserts that nothing but one audit event
 * was written, and that the event is the refusal (returned for further checks).
 */
async function refused(p: () => Promise<unknown>, code: string, event: { decision: string; relation?: string | null; subjectType?: string; subjectId?: string }) {
  const before = await snapshot();
  const lastSeq = (await w.db.prisma.auditEvent.aggregate({ _max: { seq: true } }))._max.seq ?? 0;
  await expect(p()).rejects.toMatchObject({ code });
  expect(await snapshot()).toEqual(before);
  const written = await w.db.prisma.auditEvent.findMany({ where: { seq: { gt: lastSeq } } });
  expect(written).toHaveLength(1);
  expect(written[0]).toMatchObject({
    action: "authority.staff-decision-refused",
    ...(event.subjectType ? { subjectType: event.subjectType } : {}),
    ...(event.subjectId ? { subjectId: event.subjectId } : {}),
    summary: expect.objectContaining({ decision: event.decision, reason: code, ...(event.relation !== undefined ? { relation: event.relation } : {}) }),
  });
  return written[0]!;
}

const SEAL = { usageScope: { kind: "平台", name: "电子政务平台" }, sealName: "合同章" };
const letter = () => ({ fileName: "授权委托书.pdf", bytes: pdfBytes(`letter ${Math.random()}`) });
const grantTo = (by: string, agentEmail: string) =>
  grantAgentAuthorisation(w.as(by), {
    organisationId: orgId,
    agentEmail,
    scope: ["APPLY"],
    validFrom: w.clock.now().toISOString(),
    validUntil: new Date(w.clock.now().getTime() + 30 * 24 * 3_600_000).toISOString(),
    letter: letter(),
  });

beforeAll(async () => {
  w = await openWorld();
  setDocumentKeyRing(makeDocumentKeyRing(randomBytes(32)));
  const p = w.db.prisma;
  // alice administers the organisation; the officer is an ordinary member of it (made so directly, as a CA administrator would).
  orgId = (await p.organisation.create({ data: { name: "示例科技有限公司", unifiedSocialCreditCode: uscc("91350100MA2Y") } })).id;
  await p.organisationMember.create({ data: { organisationId: orgId, userId: w.users.alice!.id, role: "ADMIN" } });
  raX = (await p.registrationAuthority.create({ data: { name: "RA X" } })).id;
  raY = (await p.registrationAuthority.create({ data: { name: "RA Y" } })).id;
}, 120_000);
afterAll(async () => {
  setDocumentKeyRing(null);
  await w?.close();
});

describe("organisation standing of staff accounts", () => {
  it("an officer cannot add themselves as an organisation's ADMIN", async () => {
    const event = await refused(() => addOrganisationMember(w.as("officer"), { organisationId: orgId, email: "officer@example.test", role: "ADMIN" }), "CONFLICT_OF_INTEREST", {
      decision: "organisation.add-member",
      relation: "SELF",
      subjectType: "Organisation",
      subjectId: orgId,
    });
    expect(event.actorId).toBe(w.users.officer!.id);
  });

  it("an organisation's admin cannot make a staff account its member or agent; a CA administrator can", async () => {
    await refused(() => grantTo("alice", "officer2@example.test"), "STAFF_ACCOUNT_ADMIN_ONLY", { decision: "organisation.grant-agent-authorisation", relation: null });
    await refused(() => grantTo("alice", "auditor@example.test"), "STAFF_ACCOUNT_ADMIN_ONLY", { decision: "organisation.grant-agent-authorisation" });
    await refused(() => addOrganisationMember(w.as("alice"), { organisationId: orgId, email: "admin@example.test" }), "STAFF_ACCOUNT_ADMIN_ONLY", { decision: "organisation.add-member" });
    // Not even through an RA officer: staff standing is the CA administrator's decision.
    await refused(() => addOrganisationMember(w.as("officer2"), { organisationId: orgId, email: "auditor@example.test" }), "STAFF_ACCOUNT_ADMIN_ONLY", { decision: "organisation.add-member" });
    // Someone with no say over the organisation learns nothing more than FORBIDDEN (and nothing is recorded as a decision).
    await expect(grantTo("bob", "officer2@example.test")).rejects.toMatchObject({ code: "FORBIDDEN" });
    // The ordinary case still works for the organisation's admin.
    await addOrganisationMember(w.as("alice"), { organisationId: orgId, email: "bob@example.test" });
    // The CA administrator may: the membership the officer-party tests below rely on.
    await addOrganisationMember(w.as("admin"), { organisationId: orgId, email: "officer@example.test" });
    const granted = await grantTo("admin", "officer2@example.test");
    expect(granted.verified).toBe(false);
    expect((await w.db.prisma.user.findUniqueOrThrow({ where: { id: w.users.officer2!.id } })).roles).toContain("AGENT");
    // ...but never for themselves.
    await refused(() => addOrganisationMember(w.as("admin"), { organisationId: orgId, email: "admin@example.test" }), "CONFLICT_OF_INTEREST", { decision: "organisation.add-member", relation: "SELF" });
  });
});

describe("an officer never decides their own case", () => {
  it("records no payment of their own application, nor of their organisation's", async () => {
    await w.db.prisma.user.update({ where: { id: w.users.officer!.id }, data: { roles: ["RA_OFFICER", "SUBSCRIBER"] } });
    w.users.officer!.roles = ["RA_OFFICER", "SUBSCRIBER"];
    const own = await makeApplication(w, { applicant: "officer", status: "APPROVED", feeStatus: "UNPAID" });
    const pay = (who: string, applicationId: string) => recordPayment(w.as(who), { applicationId, amountCents: 1, method: "CASH", reference: "R-1" });
    await w.db.prisma.application.updateMany({ where: { id: own.applicationId }, data: { feeCents: 1 } });
    await refused(() => pay("officer", own.applicationId), "CONFLICT_OF_INTEREST", { decision: "ra.record-payment", relation: "SELF", subjectType: "Application", subjectId: own.applicationId });
    // alice applies for the organisation the officer is a member of.
    const orgs = await makeApplication(w, { applicant: "alice", status: "APPROVED", feeStatus: "UNPAID", organisationId: orgId, profile: "organization-seal", subjectDetails: SEAL });
    await w.db.prisma.application.updateMany({ where: { id: orgs.applicationId }, data: { feeCents: 1 } });
    await refused(() => pay("officer", orgs.applicationId), "CONFLICT_OF_INTEREST", { decision: "ra.record-payment", relation: "ORGANISATION_MEMBER" });
    // The agent of the organisation (officer2, authorised above) is party too, checked letter or not.
    await refused(() => pay("officer2", orgs.applicationId), "CONFLICT_OF_INTEREST", { decision: "ra.record-payment", relation: "ORGANISATION_AGENT" });
    // Another officer, not party to it, may.
    const officer3 = await w.db.prisma.user.create({ data: { email: "officer3@example.test", passwordHash: "x", roles: ["RA_OFFICER"], emailVerifiedAt: w.clock.now() } });
    w.users.officer3 = { id: officer3.id, roles: ["RA_OFFICER"] };
    expect(await pay("officer3", own.applicationId)).toMatchObject({ feeStatus: "PAID" });
  });

  it("issues neither their own certificate nor one of their organisation; the RA page is told why", async () => {
    const own = await makeApplication(w, { applicant: "officer" });
    await refused(() => issueCertificate(w.as("officer"), { applicationId: own.applicationId }), "CONFLICT_OF_INTEREST", { decision: "certificate.issue", relation: "SELF" });
    const orgs = await makeApplication(w, { applicant: "alice", organisationId: orgId, profile: "organization-seal", subjectDetails: SEAL });
    await refused(() => issueCertificate(w.as("officer"), { applicationId: orgs.applicationId }), "CONFLICT_OF_INTEREST", { decision: "certificate.issue", relation: "ORGANISATION_MEMBER" });
    // What the review page renders from: the same answer, with the reason.
    expect((await applicationReview(w.as("officer"), { applicationId: orgs.applicationId }))?.officer).toEqual({ ok: false, reason: "CONFLICT_OF_INTEREST", relation: "ORGANISATION_MEMBER" });
    expect((await applicationReview(w.as("officer3"), { applicationId: orgs.applicationId }))?.officer).toEqual({ ok: true });
    const issued = await issueCertificate(w.as("officer3"), { applicationId: orgs.applicationId });
    expect(issued.certificateId).toBeTruthy();
    orgCertificateId = issued.certificateId;
  });

  it("neither delivers nor handles a revocation request of their organisation's certificate, and the case pages say why", async () => {
    // Delivery: the read model refuses with the reason, the use case with its evidence.
    expect((await getDeliveryView(w.as("officer"), { certificateId: orgCertificateId })).can.record).toEqual({ ok: false, reason: "CONFLICT_OF_INTEREST", relation: "ORGANISATION_MEMBER" });
    expect((await getDeliveryView(w.as("officer3"), { certificateId: orgCertificateId })).can.record).toEqual({ ok: true });
    await refused(() => recordHandOver(w.as("officer"), { certificateId: orgCertificateId, method: "IN_PERSON", collectedBy: "王五 身份证" }), "CONFLICT_OF_INTEREST", {
      decision: "certificate.record-hand-over",
      relation: "ORGANISATION_MEMBER",
      subjectType: "Certificate",
      subjectId: orgCertificateId,
    });
    // A revocation request alice made for the organisation.
    const request = await w.db.prisma.revocationRequest.create({
      data: { certificateId: orgCertificateId, requestedById: w.users.alice!.id, onBehalfOfOrganisationId: orgId, kind: "REVOCATION", reasonCode: "UNSPECIFIED", receivedAt: w.clock.now() },
    });
    const mine = (await getRevocationCase(w.as("officer"), { requestId: request.id })).can;
    expect(mine.confirm).toEqual({ ok: false, reason: "CONFLICT_OF_INTEREST" });
    expect(mine.reject).toEqual({ ok: false, reason: "CONFLICT_OF_INTEREST" });
    expect((await getRevocationCase(w.as("officer3"), { requestId: request.id })).can.confirm).toEqual({ ok: true });
    await refused(() => confirmRevocationRequest(w.as("officer"), { requestId: request.id, identityCheck: "回拨核验" }), "CONFLICT_OF_INTEREST", {
      decision: "revocation.confirm-request",
      relation: "ORGANISATION_MEMBER",
      subjectType: "RevocationRequest",
      subjectId: request.id,
    });
    expect((await w.db.prisma.revocationRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("RECEIVED");
  });
});

describe("RA scoping: an officer attached to an RA works that RA's applications only", () => {
  it("refuses decisions on another RA's application and does not show it", async () => {
    const attached = await w.db.prisma.user.create({ data: { email: "officer-x@example.test", passwordHash: "x", roles: ["RA_OFFICER"], emailVerifiedAt: w.clock.now(), registrationAuthorityId: raX } });
    w.users.officerX = { id: attached.id, roles: ["RA_OFFICER"] };
    const atY = await makeApplication(w, { applicant: "bob", status: "SUBMITTED" });
    const atX = await makeApplication(w, { applicant: "bob", status: "SUBMITTED" });
    await w.db.prisma.application.update({ where: { id: atY.applicationId }, data: { registrationAuthorityId: raY, feeStatus: "UNPAID", feeCents: 1 } });
    await w.db.prisma.application.update({ where: { id: atX.applicationId }, data: { registrationAuthorityId: raX } });

    await refused(() => approveApplication(w.as("officerX"), { applicationId: atY.applicationId }), "REVIEW_NOT_ALLOWED", { decision: "ra.approve-application", relation: null, subjectId: atY.applicationId });
    await refused(() => recordPayment(w.as("officerX"), { applicationId: atY.applicationId, amountCents: 1, method: "CASH", reference: "R-2" }), "REVIEW_NOT_ALLOWED", { decision: "ra.record-payment" });
    // Reads agree with the decisions: not found, not listed, not reviewable.
    await expect(getApplication(w.as("officerX"), { applicationId: atY.applicationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await applicationReview(w.as("officerX"), { applicationId: atY.applicationId })).toBeNull();
    const queue = await submittedInQueue(w.as("officerX"));
    expect(queue).toContain(atX.applicationId);
    expect(queue).not.toContain(atY.applicationId);
    // Its own RA's application it reads and decides; an officer attached to none works for all RAs.
    expect((await getApplication(w.as("officerX"), { applicationId: atX.applicationId })).id).toBe(atX.applicationId);
    expect(await approveApplication(w.as("officerX"), { applicationId: atX.applicationId })).toMatchObject({ status: "APPROVED" });
    expect(await submittedInQueue(w.as("officer3"))).toContain(atY.applicationId);
  });
});
