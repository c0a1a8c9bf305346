import { pemToDer } from "@/ca/asn1/certificate-parts";
import type { PrismaClient } from "@/generated/prisma/client";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { recordHandOver } from "@/server/certificate/record-hand-over";
import { storeDocument } from "@/server/document/store-document";
import { insertApplicationRow } from "../fixtures/application-row";
import { uscc } from "../fixtures/identity-numbers";
import { actorByEmail, firstActiveRaId } from "./actor-context";
import { assertE2eBuild } from "./e2e-only";

/**
 * An organisation seal certificate for the subscriber (/api/test/test-page/seal), issued by the
 * officer through the real use cases from the subscriber's own CSR, with the organisation's seal
 * image on the application when given, and handed over (receipt recorded). The portal wizard
 * applies for individual certificates only, so the test page's seal test needs this to start from.
 */
export async function seedSealCertificate(
  db: PrismaClient,
  o: { subscriberEmail: string; officerEmail: string; csrPem: string; sealImage?: Uint8Array },
): Promise<{ certificateId: string; applicationId: string }> {
  assertE2eBuild("seeding");
  const applicant = await actorByEmail(db, o.subscriberEmail);
  const applicantId = applicant.actor!.userId;
  const now = applicant.clock.now();
  const profile = await db.certificateProfile.findUniqueOrThrow({ where: { code: "organization-seal" } });
  const suffix = String(Math.floor(Math.random() * 1_000_000)).padStart(6, "0");
  const org = await db.organisation.create({ data: { name: `印章测试科技有限公司${suffix}`, unifiedSocialCreditCode: uscc(`91350100M00${suffix}`) } });
  const { applicationId } = await insertApplicationRow(db, {
    applicantId,
    profileId: profile.id,
    identity: { legalName: "李测试", organisationId: org.id, verifiedAt: now },
    organisationId: org.id,
    status: "APPROVED",
    subjectDetails: { usageScope: { kind: "系统", name: "电子印章系统" }, sealName: `${org.name}合同专用章` },
    csrDer: Uint8Array.from(pemToDer(o.csrPem)),
    registrationAuthorityId: await firstActiveRaId(db),
    submittedAt: now,
    declaredAt: now,
  });
  if (o.sealImage) {
    const bytes = o.sealImage;
    await db.$transaction((tx) => storeDocument(tx, { ownerUserId: applicantId, kind: "SEAL_IMAGE", file: { fileName: "seal.png", bytes }, applicationId, now }));
  }
  const officer = await actorByEmail(db, o.officerEmail);
  const { certificateId } = await issueCertificate(officer, { applicationId });
  await recordHandOver(officer, { certificateId, method: "IN_PERSON", collectedBy: "李测试" });
  return { certificateId, applicationId };
}
