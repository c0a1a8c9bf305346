import { execFileSync } from "node:child_process";
import type { PrismaClient, Role } from "@/generated/prisma/client";
import { hashPassword } from "@/server/account/password";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { attachDocument } from "@/server/application/attach-document";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { systemClock, type ServiceContext } from "@/server/core/context";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { requestClock, TEST_CLOCK_ENABLED } from "@/server/testing/test-clock";
import { addDays, shanghaiDate, startOfShanghaiDay } from "@/domain/calendar";
import { lockCertificate } from "@/server/certificate/certificate-access";
import { raiseObjection } from "@/server/certificate/raise-objection";
import { recordReceipt } from "@/server/certificate/record-receipt";
import { recordTestResult } from "@/server/certificate/record-test-result";
import { requestDeletion } from "@/server/privacy/request-deletion";
import { leaveCessation } from "@/server/privacy/leave-cessation";
import { readCessation } from "@/server/privacy/cessation";

/**
 * Browser tests only (PORTAL_E2E_BUILD=1): puts in place what a console journey starts from, the
 * way the integration fixtures do (an application as the subscriber side would have left it),
 * and, where a journey needs an issued certificate, goes through the real use cases. Refuses in
 * every other build; its route file is only routed in e2e builds.
 */
function assertE2e() {
  if (!TEST_CLOCK_ENABLED) throw new Error("seeding exists only in e2e builds");
}

/** A fresh P-256 key's CSR (DER), made by the openssl CLI; the key is thrown away. */
function makeCsrDer(cn: string): Buffer {
  return execFileSync("openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "/dev/null", "-subj", `/CN=${cn}`, "-outform", "DER"]);
}

async function actorCtx(db: PrismaClient, email: string): Promise<ServiceContext> {
  const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, roles: true } });
  return { db, clock: await requestClock(db), actor: { userId: u.id, roles: u.roles }, meta: { ip: "127.0.0.1", userAgent: "e2e-seed" } };
}

export async function seedApplication(
  db: PrismaClient,
  o: { applicantEmail: string; status?: "SUBMITTED" | "APPROVED"; kind?: "NEW" | "CHANGE" | "RENEW"; legalName?: string; registrationAuthorityId?: string; replacesCertificateId?: string; withDocument?: boolean },
): Promise<{ applicationId: string }> {
  assertE2e();
  const now = (await requestClock(db)).now();
  const applicant = await db.user.findUniqueOrThrow({ where: { email: o.applicantEmail } });
  const profile = await db.certificateProfile.findUniqueOrThrow({ where: { code: "individual-signing" } });
  const ra = o.registrationAuthorityId ?? (await db.registrationAuthority.findFirst({ where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } }))?.id ?? null;
  const identity = await db.subscriberIdentity.create({
    data: { userId: applicant.id, legalName: o.legalName ?? "李测试", idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X",
      // An approved application's identity was verified by the officer who approved it.
      ...(o.status === "APPROVED" ? { verifiedAt: now } : {}) },
  });
  const status = o.status ?? "SUBMITTED";
  const app = await db.application.create({
    data: {
      kind: o.kind ?? "NEW",
      // Documents can only be attached to a draft: it is submitted after, below.
      status: o.withDocument ? "DRAFT" : status,
      applicantId: applicant.id,
      subjectType: "INDIVIDUAL",
      subscriberIdentityId: identity.id,
      profileId: profile.id,
      subjectDetails: { usageScope: { kind: "平台", name: `电子政务平台 ${Math.random().toString(36).slice(2, 8)}` } },
      feeStatus: "NOT_REQUIRED",
      keyGeneration: "CLIENT_CSR",
      csrDer: Uint8Array.from(makeCsrDer("e2e")),
      registrationAuthorityId: ra,
      replacesCertificateId: o.replacesCertificateId ?? null,
      submittedAt: now,
      declaredAt: now,
    },
  });
  if (o.withDocument) {
    await attachDocument(await actorCtx(db, o.applicantEmail), { applicationId: app.id, kind: "ID_FRONT", file: { fileName: "身份证正面.png", bytes: TINY_PNG } });
    await db.application.update({ where: { id: app.id }, data: { status } });
  }
  return { applicationId: app.id };
}

/** A 1x1 PNG, enough for the type sniffing and the viewer. */
const TINY_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

/** An issued certificate of the subscriber with a revocation request waiting for an officer (RECEIVED). */
export async function seedRevocationRequest(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string }): Promise<{ certificateId: string; requestId: string }> {
  assertE2e();
  const { applicationId } = await seedApplication(db, { applicantEmail: o.subscriberEmail, status: "APPROVED" });
  const issued = await issueCertificate(await actorCtx(db, o.officerEmail), { applicationId });
  const request = await requestRevocation(await actorCtx(db, o.subscriberEmail), { certificateId: issued.certificateId, reason: "KEY_COMPROMISE", note: "e2e: key lost" });
  return { certificateId: issued.certificateId, requestId: request.id };
}

/** An issued certificate of the subscriber (approved application issued by the officer through the use case). */
export async function seedCertificate(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string }): Promise<{ certificateId: string }> {
  assertE2e();
  const { applicationId } = await seedApplication(db, { applicantEmail: o.subscriberEmail, status: "APPROVED" });
  const issued = await issueCertificate(await actorCtx(db, o.officerEmail), { applicationId });
  return { certificateId: issued.certificateId };
}

/** The subscriber renews a certificate: a renewal application approved and issued, then the new certificate accepted. */
export async function seedRenewal(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string; certificateId: string }): Promise<{ certificateId: string }> {
  assertE2e();
  const { applicationId } = await seedApplication(db, { applicantEmail: o.subscriberEmail, status: "APPROVED", kind: "RENEW", replacesCertificateId: o.certificateId });
  const issued = await issueCertificate(await actorCtx(db, o.officerEmail), { applicationId });
  const me = await actorCtx(db, o.subscriberEmail);
  // Online delivery: the first download (after accepting the agreement for downloads) is the receipt.
  const current = await findCurrentAgreementVersion(db, me.clock.now());
  if (!current) throw new Error("no agreement in force");
  await acceptAgreement(me, { version: current.version, contentHash: current.contentHash, context: "DOWNLOAD", locale: "zh-CN" });
  await downloadCertificate(me, { certificateId: issued.certificateId });
  await acceptCertificate(me, { certificateId: issued.certificateId });
  return { certificateId: issued.certificateId };
}

/** A second account with the role, for journeys where two staff members act at once. */
export async function seedStaff(db: PrismaClient, o: { email: string; password: string; roles: Role[]; registrationAuthorityId?: string }): Promise<{ userId: string }> {
  assertE2e();
  const u = await db.user.upsert({
    where: { email: o.email },
    create: { email: o.email, passwordHash: await hashPassword(o.password), roles: o.roles, emailVerifiedAt: systemClock.now(), locale: "zh-CN", registrationAuthorityId: o.registrationAuthorityId ?? null },
    update: {},
  });
  return { userId: u.id };
}

/** What the journey checks in the database after acting through the UI. */
export async function inspectApplication(db: PrismaClient, applicationId: string) {
  assertE2e();
  const [app, certificates, issuedEvents] = await Promise.all([
    db.application.findUniqueOrThrow({ where: { id: applicationId }, select: { status: true, registrationAuthorityId: true, certificate: { select: { id: true } } } }),
    db.certificate.count({ where: { applicationId } }),
    db.auditEvent.findMany({ where: { action: "certificate.issued" }, select: { summary: true } }),
  ]);
  const issuedAudit = issuedEvents.filter((e) => (e.summary as { applicationId?: string }).applicationId === applicationId).length;
  return { status: app.status, registrationAuthorityId: app.registrationAuthorityId, certificateId: app.certificate?.id ?? null, certificates, issuedAudit };
}

/** The subscriber receives the certificate online: accepts the agreement for downloads, then the first download is the receipt. */
async function receiveOnline(db: PrismaClient, subscriberEmail: string, certificateId: string): Promise<void> {
  const me = await actorCtx(db, subscriberEmail);
  const current = await findCurrentAgreementVersion(db, me.clock.now());
  if (!current) throw new Error("no agreement in force");
  await acceptAgreement(me, { version: current.version, contentHash: current.contentHash, context: "DOWNLOAD", locale: "zh-CN" });
  await downloadCertificate(me, { certificateId });
}

/**
 * An open objection as the subscriber side leaves it: the certificate issued and downloaded, the
 * information test passed, the certificate test failed (no key in the browser), and the objection
 * raised with that failed test attached.
 */
export async function seedObjection(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string; reason: string }): Promise<{ certificateId: string; objectionId: string; testResultId: string }> {
  assertE2e();
  const { certificateId } = await seedCertificate(db, o);
  await receiveOnline(db, o.subscriberEmail, certificateId);
  const me = await actorCtx(db, o.subscriberEmail);
  await recordTestResult(me, { certificateId, kind: "INFO_LOADING", passed: true, details: { fieldsShown: 5 } });
  const failed = (await recordTestResult(me, { certificateId, kind: "CERTIFICATE", passed: false, details: { keySource: "none" } })) as { testResultId: string };
  const { objectionId } = await raiseObjection(me, { certificateId, reason: o.reason, testResultId: failed.testResultId });
  return { certificateId, objectionId, testResultId: failed.testResultId };
}

/**
 * A certificate whose test window reaches into a year the calendar does not hold yet: received
 * (in person, recorded by the officer) on the last working day of the latest confirmed year, so
 * the deadline falls in the next year and rests on the Monday-Friday estimate. Returns that year
 * and the provisional last working day, which an import can then make a holiday.
 */
export async function seedProvisionalDeadline(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string }) {
  assertE2e();
  const confirmed = await db.calendarYear.findMany({ where: { confirmed: true }, select: { year: true }, orderBy: { year: "desc" } });
  const held = new Set((await db.calendarYear.findMany({ select: { year: true } })).map((y) => y.year));
  const last = confirmed[0]?.year;
  if (!last || held.has(last + 1)) throw new Error("no confirmed year followed by a year not held");
  const { certificateId } = await seedCertificate(db, o);
  const officer = await actorCtx(db, o.officerEmail);
  // 10:00 Beijing time on 30 December of the last confirmed year; 31 December is a working day in
  // every published calendar so far, and the second working day falls in the year not held.
  const receiptAt = new Date(`${last}-12-30T02:00:00.000Z`);
  const window = await db.$transaction(async (tx) => {
    const cert = await lockCertificate(tx, certificateId);
    // The receipt is recorded as if at that moment (now = receiptAt): the certificate was issued before it.
    if (cert.notBefore.getTime() > receiptAt.getTime()) throw new Error("certificate issued after the seeded receipt time");
    return recordReceipt(tx, cert, { receiptAt, now: receiptAt, method: "IN_PERSON", recordedById: officer.actor!.userId });
  });
  if (!window.provisional) throw new Error(`deadline ${window.deadline.toISOString()} is not provisional`);
  return {
    certificateId,
    year: last + 1,
    receiptAt: receiptAt.toISOString(),
    deadline: window.deadline.toISOString(),
    lastWorkingDay: window.lastWorkingDay,
    // The day after the provisional last working day, for checking the recomputed deadline.
    dayAfterLastWorkingDay: startOfShanghaiDay(addDays(window.lastWorkingDay, 1)).toISOString(),
    receiptDay: shanghaiDate(receiptAt),
  };
}

/** A subscriber with an issued, downloaded certificate asks for deletion (the real use case decides what goes and what stays). */
export async function seedDeletionRequest(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string }): Promise<{ certificateId: string; requestId: string }> {
  assertE2e();
  const { certificateId } = await seedCertificate(db, o);
  await receiveOnline(db, o.subscriberEmail, certificateId);
  const r = (await requestDeletion(await actorCtx(db, o.subscriberEmail), { confirm: true })) as { requestId: string };
  return { certificateId, requestId: r.requestId };
}

/** Cessation mode off again (a journey that switched it on cleans up even when it failed half-way). */
export async function seedCessationOff(db: PrismaClient, o: { adminEmail: string }): Promise<{ wasActive: boolean }> {
  assertE2e();
  if (!(await readCessation(db)).active) return { wasActive: false };
  await leaveCessation(await actorCtx(db, o.adminEmail), { confirm: true, reason: "e2e clean-up" });
  return { wasActive: true };
}

/** A certificate as relying parties and the audit log see it: status, times, PEM of it and its issuer, its audit actions. */
export async function inspectCertificate(db: PrismaClient, certificateId: string) {
  assertE2e();
  const c = await db.certificate.findUniqueOrThrow({
    where: { id: certificateId },
    select: {
      serialHex: true, status: true, revokedAt: true, revocationReason: true, receiptAt: true, deliveryMethod: true, deliveredAt: true, mailTrackingNo: true,
      testWindowDeadline: true, testWindowProvisional: true, der: true, issuer: { select: { certificateDer: true } },
    },
  });
  // Its own events and those of its objections (subject: the objection).
  const objectionIds = (await db.objection.findMany({ where: { certificateId }, select: { id: true } })).map((o) => o.id);
  const events = await db.auditEvent.findMany({ where: { subjectId: { in: [certificateId, ...objectionIds] } }, orderBy: { seq: "asc" }, select: { action: true, summary: true } });
  const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n")}\n-----END CERTIFICATE-----\n`.replace(/\n\n/g, "\n");
  const { der, issuer, ...rest } = c;
  return { ...rest, pem: pem(der), issuerPem: pem(issuer.certificateDer), auditActions: events.map((e) => e.action), audit: events };
}

/** The newest audit events of one action (what a journey checks the log recorded). */
export async function inspectAudit(db: PrismaClient, action: string) {
  assertE2e();
  return db.auditEvent.findMany({ where: { action }, orderBy: { seq: "desc" }, take: 20, select: { seq: true, actorId: true, subjectId: true, summary: true } });
}
