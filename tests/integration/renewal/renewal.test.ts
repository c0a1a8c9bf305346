import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsr } from "@/ca";
import { defaultAgreementV1, fillDocument } from "@/domain/agreement";
import { agreementVariablesFromEnv } from "@/server/agreement/internal/agreement-variables";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { createApplication } from "@/server/application/create-application";
import { verifyAuditChain } from "@/server/core/audit";
import { requestRenewal } from "@/server/renewal/request-renewal";
import { sweepExpiryReminders } from "@/server/renewal/sweep-expiry-reminders";
import { makeCsr } from "../certificate/pki-helpers";
import { DAY, acceptFor, certRow, expectCode, openWorld, type World } from "./world";
import { approvedAs } from "../support/approval";

let w: World;
const SD = { country: "CN", usageScope: { kind: "平台" as const, name: "示例电子合同平台" } };

beforeAll(async () => {
  w = await openWorld();
  // createApplication (the application area's path to a renewal) needs the applicant's identity.
  await w.db.prisma.subscriberIdentity.create({
    data: { userId: w.users.alice!, legalName: "李爱丽", idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X", verifiedAt: w.clock.now() },
  });
});
afterAll(async () => {
  await w?.close();
});

/** Received and accepted well before notAfter (certRow's times are relative to now, after an expiry in the past). */
async function acceptedLongAgo(certificateId: string) {
  const c = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: certificateId } });
  const receiptAt = new Date(c.notAfter.getTime() - 300 * DAY);
  await w.db.prisma.certificate.update({
    where: { id: certificateId },
    data: { notBefore: new Date(receiptAt.getTime() - DAY), receiptAt, testWindowDeadline: new Date(receiptAt.getTime() + 2 * DAY), acceptedAt: new Date(receiptAt.getTime() + DAY) },
  });
}

describe("renewal and rekey requests", () => {
  it("lets the subscriber renew once the renewal agreement is accepted; the draft copies the certificate's application", async () => {
    const cert = await certRow(w, { user: "alice" });
    await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }), "AGREEMENT_NOT_ACCEPTED");
    await acceptFor(w, "alice", "RENEW");
    const r = await requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" });
    expect(r).toMatchObject({ status: "DRAFT", kind: "RENEW" });
    const app = await w.db.prisma.application.findUniqueOrThrow({ where: { id: r.applicationId } });
    const old = await w.db.prisma.application.findUniqueOrThrow({ where: { id: cert.applicationId } });
    expect(app).toMatchObject({ kind: "RENEW", applicantId: w.users.alice, replacesCertificateId: cert.id, profileId: old.profileId, subjectType: "INDIVIDUAL", organisationId: null });
    expect(app.subjectDetails).toEqual(old.subjectDetails);
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: r.applicationId } });
    expect(audit.actorId).toBe(w.users.alice);
    expect(audit.summary).toMatchObject({ replacesCertificateId: cert.id, agreementVersion: 1 });
    // The old certificate is untouched until a replacement is accepted.
    const row = await w.db.prisma.certificate.findUniqueOrThrow({ where: { id: cert.id } });
    expect(row.revokedAt).toBeNull();
  });

  it("refuses other roles and other subscribers", async () => {
    const cert = await certRow(w, { user: "alice" });
    await expectCode(requestRenewal({ ...w.as("alice"), actor: null }, { certificateId: cert.id, kind: "RENEW" }), "UNAUTHENTICATED");
    await expectCode(requestRenewal(w.as("officer"), { certificateId: cert.id, kind: "RENEW" }), "FORBIDDEN");
    await expectCode(requestRenewal(w.as("admin"), { certificateId: cert.id, kind: "RENEW" }), "FORBIDDEN");
    await acceptFor(w, "bob", "RENEW");
    await expectCode(requestRenewal(w.as("bob"), { certificateId: cert.id, kind: "RENEW" }), "NOT_FOUND");
    await expectCode(requestRenewal(w.as("bob"), { certificateId: "00000000-0000-4000-8000-000000000000", kind: "RENEW" }), "NOT_FOUND");
    await expectCode(requestRenewal(w.as("alice"), { certificateId: "not-a-uuid", kind: "RENEW" }), "VALIDATION_FAILED");
  });

  it("lets an organisation's admin and an agent authorised for RENEW renew its certificate; others get clear refusals", async () => {
    const cert = await certRow(w, { org: true }, { holder: "carol" });
    await acceptFor(w, "agent", "RENEW", w.orgId);
    await acceptFor(w, "agentRenewOnly", "RENEW", w.orgId);
    await acceptFor(w, "orgAdmin", "RENEW", w.orgId);
    // The agent's authorisation has expired, was revoked, or does not cover the action.
    await expectCode(requestRenewal(w.as("agentExpired"), { certificateId: cert.id, kind: "RENEW" }), "AGENT_AUTHORISATION_EXPIRED");
    await expectCode(requestRenewal(w.as("agentRevoked"), { certificateId: cert.id, kind: "RENEW" }), "AGENT_AUTHORISATION_REVOKED");
    await expectCode(requestRenewal(w.as("agentDownload"), { certificateId: cert.id, kind: "RENEW" }), "AGENT_SCOPE_INSUFFICIENT");
    await expectCode(requestRenewal(w.as("agentRenewOnly"), { certificateId: cert.id, kind: "REKEY" }), "AGENT_SCOPE_INSUFFICIENT");
    // No relation to the organisation, or only named in the certificate: nothing is disclosed.
    await acceptFor(w, "alice", "RENEW");
    await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }), "NOT_FOUND");
    await acceptFor(w, "carol", "RENEW");
    await expectCode(requestRenewal(w.as("carol"), { certificateId: cert.id, kind: "RENEW" }), "NOT_FOUND");

    const byAgent = await requestRenewal(w.as("agent"), { certificateId: cert.id, kind: "RENEW" });
    const app = await w.db.prisma.application.findUniqueOrThrow({ where: { id: byAgent.applicationId } });
    const authorisation = await w.db.prisma.agentAuthorisation.findFirstOrThrow({ where: { agentUserId: w.users.agent } });
    expect(app).toMatchObject({ organisationId: w.orgId, agentAuthorisationId: authorisation.id, subjectType: "ORGANISATION", applicantId: w.users.agent });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: byAgent.applicationId } });
    expect(audit.onBehalfOfId).toBe(w.orgId);

    const second = await certRow(w, { org: true });
    await expect(requestRenewal(w.as("orgAdmin"), { certificateId: second.id, kind: "RENEW" })).resolves.toMatchObject({ status: "DRAFT" });
  });

  it("an agent's authorisation is judged at the moment of the request: it lapses when it expires", async () => {
    const cert = await certRow(w, { org: true });
    const authorisation = await w.db.prisma.agentAuthorisation.findFirstOrThrow({ where: { agentUserId: w.users.agentRenewOnly } });
    const t0 = w.clock.now();
    w.clock.set(new Date(authorisation.validUntil.getTime() + 1000));
    try {
      await expectCode(requestRenewal(w.as("agentRenewOnly"), { certificateId: cert.id, kind: "RENEW" }), "AGENT_AUTHORISATION_EXPIRED");
    } finally {
      w.clock.set(t0);
    }
  });

  it("refuses certificates that cannot be renewed: not yet accepted, revoked, expired longer ago than the window", async () => {
    await acceptFor(w, "alice", "RENEW");
    const pending = await certRow(w, { user: "alice" }, { accepted: false });
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: pending.id, kind: "RENEW" }), "CERT_NOT_RENEWABLE")).toMatchObject({ from: "IN_TEST_WINDOW" });
    const revoked = await certRow(w, { user: "alice" });
    await w.db.prisma.certificate.update({ where: { id: revoked.id }, data: { revokedAt: new Date(w.clock.now().getTime() - 1000), revocationReason: "KEY_COMPROMISE", status: "REVOKED" } });
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: revoked.id, kind: "RENEW" }), "CERT_NOT_RENEWABLE")).toMatchObject({ from: "REVOKED" });
    // Expired a year and a day ago: the default window (365 days after expiry) is over.
    const expired = await certRow(w, { user: "alice" }, { expiresInDays: -366 });
    await acceptedLongAgo(expired.id);
    const before = await w.db.prisma.application.count();
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: expired.id, kind: "RENEW" }), "CERT_RENEWAL_TOO_LATE")).toMatchObject({ closedAt: new Date(w.clock.now().getTime() - DAY).toISOString() });
    expect(await w.db.prisma.application.count()).toBe(before);
  });

  it("a rekey needs a new key; the CSR is kept on the draft", async () => {
    await acceptFor(w, "alice", "RENEW");
    const cert = await certRow(w, { user: "alice" });
    const oldKey = makeCsr(w.tmp, "rekey-old");
    await w.db.prisma.certificate.update({ where: { id: cert.id }, data: { publicKeySha256: parseCsr(oldKey.csrPem).spkiSha256 } });
    await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem: oldKey.csrPem }), "REKEY_SAME_KEY");
    await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem: "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n" }), "CSR_INVALID");
    const fresh = makeCsr(w.tmp, "rekey-new");
    const r = await requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY", csrPem: fresh.csrPem });
    const app = await w.db.prisma.application.findUniqueOrThrow({ where: { id: r.applicationId } });
    expect(app.kind).toBe("REKEY");
    expect(Buffer.from(app.csrDer!).equals(parseCsr(fresh.csrPem).der)).toBe(true);
  });

  it("needs the current agreement accepted again after a new version takes effect (7.5), on both paths", async () => {
    const cert = await certRow(w, { user: "alice" });
    await acceptFor(w, "alice", "RENEW");
    const vars = agreementVariablesFromEnv({});
    const zh = fillDocument(defaultAgreementV1.texts["zh-CN"], vars["zh-CN"]);
    const en = fillDocument(defaultAgreementV1.texts.en, vars.en);
    const effectiveAt = new Date(w.clock.now().getTime() + DAY);
    const v2 = await publishAgreementVersion(approvedAs(w.as("admin"), "AGREEMENT_PUBLICATION"), { texts: { "zh-CN": { ...zh, title: `${zh.title}（修订）` }, en: { ...en, title: `${en.title} (revised)` } }, effectiveAt: effectiveAt.toISOString() });
    w.clock.set(new Date(effectiveAt.getTime() + 1000));
    expect(await expectCode(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }), "AGREEMENT_NOT_ACCEPTED")).toMatchObject({ version: v2.version });
    // The application area's renewal path has the same gate.
    expect(
      await expectCode(createApplication(w.as("alice"), { kind: "RENEW", profileCode: "individual-signing", replacesCertificateId: cert.id, subjectDetails: SD }), "AGREEMENT_NOT_ACCEPTED"),
    ).toMatchObject({ version: v2.version });
    const acceptance = await acceptFor(w, "alice", "RENEW");
    expect(acceptance.version).toBe(v2.version);
    const r = await requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" });
    const audit = await w.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "renewal.requested", subjectId: r.applicationId } });
    expect(audit.summary).toMatchObject({ agreementVersion: v2.version });
  });

  it("parallel renewals of one certificate give one open application", async () => {
    await acceptFor(w, "alice", "RENEW");
    const cert = await certRow(w, { user: "alice" });
    const results = await Promise.allSettled([
      requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }),
      requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" }),
      requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "REKEY" }),
      createApplication(w.as("alice"), { kind: "RENEW", profileCode: "individual-signing", replacesCertificateId: cert.id, subjectDetails: SD }),
      createApplication(w.as("alice"), { kind: "RENEW", profileCode: "individual-signing", replacesCertificateId: cert.id, subjectDetails: SD }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as { code?: string }).code);
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(4);
    for (const code of refused) expect(["RENEWAL_ALREADY_OPEN", "CONFLICT"]).toContain(code);
    expect(await w.db.prisma.application.count({ where: { replacesCertificateId: cert.id } })).toBe(1);
    // Once that application is cancelled, a new renewal may start.
    await w.db.prisma.application.updateMany({ where: { replacesCertificateId: cert.id }, data: { status: "CANCELLED" } });
    await expect(requestRenewal(w.as("alice"), { certificateId: cert.id, kind: "RENEW" })).resolves.toMatchObject({ status: "DRAFT" });
  });
});

describe("expiry reminders", () => {
  it("sends the nearest threshold reached once per certificate and recipient; a second run and a parallel run send nothing more", async () => {
    await w.db.prisma.notification.deleteMany({ where: { template: "renewal.expiry-reminder" } });
    // Everything made before this test expires in a year (or is expired): out of every window.
    const far = await certRow(w, { user: "bob" }, { expiresInDays: 40 });
    const d25 = await certRow(w, { user: "bob" }, { expiresInDays: 25 });
    const d5 = await certRow(w, { user: "bob" }, { expiresInDays: 5 });
    const hours12 = await certRow(w, { user: "bob" }, { expiresInDays: 0.5 });
    const org5 = await certRow(w, { org: true }, { expiresInDays: 5, holder: "carol" });
    const revoked = await certRow(w, { user: "bob" }, { expiresInDays: 5 });
    await w.db.prisma.certificate.update({ where: { id: revoked.id }, data: { revokedAt: w.clock.now(), revocationReason: "SUPERSEDED", status: "REVOKED" } });
    const notAccepted = await certRow(w, { user: "bob" }, { expiresInDays: 5, accepted: false });
    const renewed = await certRow(w, { user: "bob" }, { expiresInDays: 5 });
    const successor = await certRow(w, { user: "bob" });
    await w.db.prisma.application.update({ where: { id: successor.applicationId }, data: { kind: "RENEW", replacesCertificateId: renewed.id } });

    const [a, b] = await Promise.all([sweepExpiryReminders(w.db.prisma, w.clock), sweepExpiryReminders(w.db.prisma, w.clock)]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    const first = a.ran ? a : b;
    expect(new Set(first.certificateIds)).toEqual(new Set([d25.id, d5.id, hours12.id, org5.id]));

    const mails = await w.db.prisma.notification.findMany({ where: { template: "renewal.expiry-reminder" } });
    const keys = mails.map((m) => m.dedupeKey).sort();
    expect(keys).toEqual(
      [
        `expiry:${d25.id}:30:${w.users.bob}`,
        `expiry:${d5.id}:7:${w.users.bob}`,
        `expiry:${hours12.id}:1:${w.users.bob}`,
        `expiry:${org5.id}:7:${w.users.carol}`,
        `expiry:${org5.id}:7:${w.users.orgAdmin}`,
      ].sort(),
    );
    for (const id of [far.id, revoked.id, notAccepted.id, renewed.id]) expect(keys.some((k) => k.includes(id))).toBe(false);
    const d5Mail = mails.find((m) => m.dedupeKey.startsWith(`expiry:${d5.id}`))!;
    expect(d5Mail.payload).toMatchObject({ certificateId: d5.id, days: 7, serialHex: d5.serialHex, path: `/certificates/${d5.id}` });
    expect(d5Mail.toAddress).toBe("bob@example.test");

    const again = await sweepExpiryReminders(w.db.prisma, w.clock);
    expect(again).toMatchObject({ ran: true, queued: 0, reminded: 0 });
    expect(await w.db.prisma.notification.count({ where: { template: "renewal.expiry-reminder" } })).toBe(5);
    expect(await w.db.prisma.auditEvent.count({ where: { action: "renewal.expiry-reminded" } })).toBe(4);
    const runs = await w.db.prisma.sweepRun.findMany({ where: { job: "renewal.expiry-reminders" }, orderBy: { startedAt: "asc" } });
    expect(runs).toHaveLength(2);
    expect(runs.every((r) => r.ok === true && r.finishedAt !== null)).toBe(true);
    expect(runs[0]!.outcome).toMatchObject({ reminded: 4, queued: 5 });

    // 20 days on: the 25-day certificate reaches the 7-day threshold, the 40-day one the 30-day
    // threshold; the 5-day ones have expired.
    const t0 = w.clock.now();
    w.clock.set(new Date(t0.getTime() + 20 * DAY));
    try {
      const later = await sweepExpiryReminders(w.db.prisma, w.clock);
      expect(new Set(later.certificateIds)).toEqual(new Set([d25.id, far.id]));
      expect(await w.db.prisma.notification.count({ where: { dedupeKey: `expiry:${far.id}:30:${w.users.bob}` } })).toBe(1);
      expect(await w.db.prisma.notification.count({ where: { dedupeKey: `expiry:${d25.id}:7:${w.users.bob}` } })).toBe(1);
    } finally {
      w.clock.set(t0);
    }
  });

  it("leaves the audit chain valid", async () => {
    expect(await verifyAuditChain(w.db.prisma)).toMatchObject({ ok: true });
  });
});
