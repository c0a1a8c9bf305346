import { pemToDer } from "@/ca/asn1/certificate-parts";
import type { PrismaClient } from "@/generated/prisma/client";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import type { ServiceContext } from "@/server/core/context";
import { storeDocument } from "@/server/document/store-document";
import { requestClock, TEST_CLOCK_ENABLED } from "@/server/testing/test-clock";

/**
 * Browser tests only (PORTAL_E2E_BUILD=1): an organisation seal certificate for the subscriber,
 * issued by the officer through the real use cases from the subscriber's own CSR, with the
 * organisation's seal image on the application when given, and handed over (receipt recorded).
 * The portal wizard applies for individual certificates only, so the test page's seal test needs
 * this to start from. Refuses in every other build.
 */
export async function seedSealCertificate(
  db: PrismaClient,
  o: { subscriberEmail: string; officerEmail: string; csrPem: string; sealImage?: Uint8Array },
): Promise<{ certificateId: string; applicationId: string }> {
  if (!TEST_CLOCK_ENABLED) throw new Error("seeding exists only in e2e builds");
  const clock = await requestClock(db);
  const now = clock.now();
  const ctx = async (email: string): Promise<ServiceContext> => {
    const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, roles: true } });
    return { db, clock, actor: { userId: u.id, roles: u.roles }, meta: { ip: "127.0.0.1", userAgent: "e2e-seed" } };
  };
  const applicant = await db.user.findUniqueOrThrow({ where: { email: o.subscriberEmail } });
  const profile = await db.certificateProfile.findUniqueOrThrow({ where: { code: "organization-seal" } });
  const suffix = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
  const org = await db.organisation.create({ data: { name: `印章测试科技有限公司${suffix}`, unifiedSocialCreditCode: `91350100M00${suffix}Y` } });
  const identity = await db.subscriberIdentity.create({
    data: { userId: applicant.id, organisationId: org.id, legalName: "李测试", idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X", verifiedAt: now },
  });
  const ra = (await db.registrationAuthority.findFirst({ where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } }))?.id ?? null;
  const app = await db.application.create({
    data: {
      kind: "NEW",
      status: "APPROVED",
      applicantId: applicant.id,
      subjectType: "ORGANISATION",
      organisationId: org.id,
      subscriberIdentityId: identity.id,
      profileId: profile.id,
      subjectDetails: { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: `${org.name}合同专用章` },
      feeStatus: "NOT_REQUIRED",
      keyGeneration: "CLIENT_CSR",
      csrDer: Uint8Array.from(pemToDer(o.csrPem)),
      registrationAuthorityId: ra,
      submittedAt: now,
      declaredAt: now,
    },
  });
  if (o.sealImage) {
    const bytes = o.sealImage;
    await db.$transaction((tx) => storeDocument(tx, { ownerUserId: applicant.id, kind: "SEAL_IMAGE", file: { fileName: "seal.png", bytes }, applicationId: app.id, now }));
  }
  const officer = await ctx(o.officerEmail);
  const { certificateId } = await issueCertificate(officer, { applicationId: app.id });
  await recordHandOver(officer, { certificateId, method: "IN_PERSON", collectedBy: "李测试" });
  return { certificateId, applicationId: app.id };
}
