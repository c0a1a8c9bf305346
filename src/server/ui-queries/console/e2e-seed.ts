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
