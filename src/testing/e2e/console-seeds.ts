import type { PrismaClient, Role } from "@/generated/prisma/client";
import { addDays, shanghaiDate, startOfShanghaiDay } from "@/domain/calendar";
import { hashPassword } from "@/server/account/password";
import { enrolTotpSecret } from "@/server/second-factor/enrol-totp-directly";
import { attachDocument } from "@/server/application/attach-document";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { lockCertificate } from "@/server/shared/certificate-lock";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { raiseObjection } from "@/server/certificate/raise-objection";
import { recordReceipt } from "@/server/certificate/record-receipt";
import { recordTestResult } from "@/server/certificate/record-test-result";
import { systemClock } from "@/server/core/context";
import { readCessation } from "@/server/privacy/cessation";
import { leaveCessation } from "@/server/privacy/leave-cessation";
import { actorForApprovedRequest } from "@/server/auth";
import { requestDeletion } from "@/server/privacy/request-deletion";
import { requestRevocation } from "@/server/revocation/request-revocation";
import { acceptCurrentAgreement } from "../fixtures/accept-current-agreement";
import { insertApplicationRow } from "../fixtures/application-row";
import { pngBytes } from "../fixtures/sample-files";
import { throwawayCsrDer } from "../fixtures/throwaway-csr";
import { actorByEmail, firstActiveRaId } from "./actor-context";
import { assertE2eBuild } from "./e2e-only";

/*
 * What a console journey starts from (/api/test/console/seed): an application put in place the
 * way the integration fixtures do (as the subscriber side would have left it), and, where a
 * journey needs an issued certificate, the rest through the real use cases.
 */

export async function seedApplication(
  db: PrismaClient,
  o: { applicantEmail: string; status?: "SUBMITTED" | "APPROVED"; kind?: "NEW" | "CHANGE" | "RENEW"; legalName?: string; registrationAuthorityId?: string; replacesCertificateId?: string; withDocument?: boolean;
    /** The applicant has accepted the agreement for applying (as the wizard does), so a resubmission from the page passes its gate. */
    applicantAccepted?: boolean;
    /** A CSR whose key the journey holds (PEM), e.g. to sign with the certificate's key later; default a throwaway one. */
    csrPem?: string;
    /** A fee (fen) still to be paid, so the journey can record the payment; default none. */
    feeCents?: number;
    /** The profile's code (e.g. individual-dual-sm2 with an SM2 csrPem); default individual-signing. */
    profileCode?: string },
): Promise<{ applicationId: string }> {
  assertE2eBuild("seeding");
  const applicant = await actorByEmail(db, o.applicantEmail);
  const now = applicant.clock.now();
  const profile = await db.certificateProfile.findUniqueOrThrow({ where: { code: o.profileCode ?? "individual-signing" } });
  const status = o.status ?? "SUBMITTED";
  const { applicationId } = await insertApplicationRow(db, {
    applicantId: applicant.actor!.userId,
    profileId: profile.id,
    // An approved application's identity was verified by the officer who approved it.
    identity: { legalName: o.legalName ?? "李测试", verifiedAt: status === "APPROVED" ? now : undefined },
    kind: o.kind ?? "NEW",
    // Documents can only be attached to a draft: it is submitted after, below.
    status: o.withDocument ? "DRAFT" : status,
    subjectDetails: { usageScope: { kind: "平台", name: `电子政务平台 ${Math.random().toString(36).slice(2, 8)}` } },
    csrDer: o.csrPem ? Buffer.from(o.csrPem.replace(/-----[A-Z ]+-----|\s+/g, ""), "base64") : throwawayCsrDer("e2e"),
    registrationAuthorityId: o.registrationAuthorityId ?? (await firstActiveRaId(db)),
    replacesCertificateId: o.replacesCertificateId ?? null,
    submittedAt: now,
    declaredAt: now,
    ...(o.feeCents ? { feeCents: o.feeCents, feeStatus: "UNPAID" as const } : {}),
  });
  if (o.applicantAccepted) await acceptCurrentAgreement(applicant, "APPLY");
  if (o.withDocument) {
    await attachDocument(applicant, { applicationId, kind: "ID_FRONT", file: { fileName: "身份证正面.png", bytes: pngBytes() } });
    // Submitted after its document was attached, as the page would: the RA has seen it (a later removal withdraws it).
    await db.application.update({ where: { id: applicationId }, data: { status, submittedAt: applicant.clock.now() } });
  }
  return { applicationId };
}

/** An issued certificate of the subscriber with a revocation request waiting for an officer (RECEIVED). */
export async function seedRevocationRequest(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string }): Promise<{ certificateId: string; requestId: string }> {
  const { certificateId } = await seedCertificate(db, o);
  const request = await requestRevocation(await actorByEmail(db, o.subscriberEmail), { certificateId, reason: "KEY_COMPROMISE", note: "e2e: key lost" });
  return { certificateId, requestId: request.id };
}

/** An issued certificate of the subscriber (approved application issued by the officer through the use case). */
export async function seedCertificate(
  db: PrismaClient,
  o: { subscriberEmail: string; officerEmail: string; csrPem?: string; profileCode?: string },
): Promise<{ certificateId: string; encryptionCertificateId: string | null }> {
  const { applicationId } = await seedApplication(db, { applicantEmail: o.subscriberEmail, status: "APPROVED", csrPem: o.csrPem, profileCode: o.profileCode });
  const issued = await issueCertificate(await actorByEmail(db, o.officerEmail), { applicationId });
  return { certificateId: issued.certificateId, encryptionCertificateId: issued.encryptionCertificateId ?? null };
}

/** The subscriber renews a certificate: a renewal application approved and issued, then the new certificate received and accepted. */
export async function seedRenewal(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string; certificateId: string }): Promise<{ certificateId: string }> {
  const { applicationId } = await seedApplication(db, { applicantEmail: o.subscriberEmail, status: "APPROVED", kind: "RENEW", replacesCertificateId: o.certificateId });
  const issued = await issueCertificate(await actorByEmail(db, o.officerEmail), { applicationId });
  await receiveOnline(db, o.subscriberEmail, issued.certificateId);
  await acceptCertificate(await actorByEmail(db, o.subscriberEmail), { certificateId: issued.certificateId });
  return { certificateId: issued.certificateId };
}

/**
 * A second account with the role, for journeys where two staff members act at once. With
 * totpSecret its second factor is enrolled (the journey signs in with codes from it); without,
 * the account starts unenrolled (the second-factor journey enrols it through the pages).
 */
export async function seedStaff(db: PrismaClient, o: { email: string; password: string; roles: Role[]; registrationAuthorityId?: string; totpSecret?: string }): Promise<{ userId: string }> {
  assertE2eBuild("seeding");
  const u = await db.user.upsert({
    where: { email: o.email },
    create: { email: o.email, passwordHash: await hashPassword(o.password), roles: o.roles, emailVerifiedAt: systemClock.now(), locale: "zh-CN", registrationAuthorityId: o.registrationAuthorityId ?? null },
    update: {},
  });
  if (o.totpSecret) await enrolTotpSecret(db, u.id, o.totpSecret, systemClock.now());
  return { userId: u.id };
}

/** The subscriber receives the certificate online: accepts the agreement for downloads, then the first download is the receipt. */
async function receiveOnline(db: PrismaClient, subscriberEmail: string, certificateId: string): Promise<void> {
  const me = await actorByEmail(db, subscriberEmail);
  await acceptCurrentAgreement(me, "DOWNLOAD");
  await downloadCertificate(me, { certificateId });
}

/**
 * An open objection as the subscriber side leaves it: the certificate issued and downloaded, the
 * information test passed, the certificate test failed (no key in the browser), and the objection
 * raised with that failed test attached.
 */
export async function seedObjection(db: PrismaClient, o: { subscriberEmail: string; officerEmail: string; reason: string }): Promise<{ certificateId: string; objectionId: string; testResultId: string }> {
  const { certificateId } = await seedCertificate(db, o);
  await receiveOnline(db, o.subscriberEmail, certificateId);
  const me = await actorByEmail(db, o.subscriberEmail);
  const { serialHex } = await db.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { serialHex: true } });
  await recordTestResult(me, { certificateId, kind: "INFO_LOADING", passed: true, details: { fieldsShown: 5, shownSerial: serialHex } });
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
  assertE2eBuild("seeding");
  const confirmed = await db.calendarYear.findMany({ where: { confirmed: true }, select: { year: true }, orderBy: { year: "desc" } });
  const held = new Set((await db.calendarYear.findMany({ select: { year: true } })).map((y) => y.year));
  const last = confirmed[0]?.year;
  if (!last || held.has(last + 1)) throw new Error("no confirmed year followed by a year not held");
  const { certificateId } = await seedCertificate(db, o);
  const officer = await actorByEmail(db, o.officerEmail);
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
  const { certificateId } = await seedCertificate(db, o);
  await receiveOnline(db, o.subscriberEmail, certificateId);
  const r = (await requestDeletion(await actorByEmail(db, o.subscriberEmail), { confirm: true })) as { requestId: string };
  return { certificateId, requestId: r.requestId };
}

/** Cessation mode off again (a journey that switched it on cleans up even when it failed half-way). */
export async function seedCessationOff(db: PrismaClient, o: { adminEmail: string }): Promise<{ wasActive: boolean }> {
  assertE2eBuild("seeding");
  if (!(await readCessation(db)).active) return { wasActive: false };
  // A clean-up, not a decision: it acts as the dual-control executor would for an approved request.
  const admin = await actorByEmail(db, o.adminEmail);
  await leaveCessation({ ...admin, actor: actorForApprovedRequest(admin.actor!, { id: "e2e-clean-up", kind: "CESSATION_OFF" }) }, { confirm: true, reason: "e2e clean-up" });
  return { wasActive: true };
}
