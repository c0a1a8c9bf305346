import { randomInt } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/server/account/password";
import { parseStoredDocument } from "@/server/agreement/agreement-store";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { actorForApprovedRequest } from "@/server/auth";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { acceptCurrentAgreement } from "../fixtures/accept-current-agreement";
import { insertApplicationRow } from "../fixtures/application-row";
import { freshUscc } from "../fixtures/identity-numbers";
import { pdfBytes } from "../fixtures/sample-files";
import { throwawayCsrDer } from "../fixtures/throwaway-csr";
import { actorByEmail, firstActiveRaId } from "./actor-context";
import { assertE2eBuild } from "./e2e-only";

/**
 * An organisation (registered by a fresh administrator), the agent authorised by an RA officer
 * for RENEW, and an organisation certificate issued, received and accepted through the real use
 * cases (/api/test/portal/seed-organisation). The approved application row is put in place
 * directly, as the console seed does: the application journey itself is proven elsewhere.
 */
export async function seedOrganisationCertificate(db: PrismaClient, o: { agentEmail: string; officerEmail: string; name: string }) {
  assertE2eBuild("seeding");
  const adminEmail = `org-admin-${Date.now()}-${randomInt(1e6)}@e2e.test`;
  await db.user.create({ data: { email: adminEmail, passwordHash: await hashPassword("Org-admin-e2e-1"), roles: ["SUBSCRIBER"], emailVerifiedAt: new Date(), locale: "zh-CN" } });
  const orgAdmin = await actorByEmail(db, adminEmail);
  const officer = await actorByEmail(db, o.officerEmail);
  const org = await registerOrganisation(orgAdmin, { name: o.name, unifiedSocialCreditCode: freshUscc(), legalRepresentative: "王法人" });
  const now = orgAdmin.clock.now();
  await grantAgentAuthorisation(officer, {
    organisationId: org.id,
    agentEmail: o.agentEmail,
    scope: ["RENEW", "DOWNLOAD", "TEST"],
    validFrom: new Date(now.getTime() - 86_400_000),
    // Two years: the renewal journey moves the test clock into the certificate's renewal window (650 days on).
    validUntil: new Date(now.getTime() + 730 * 86_400_000),
    letter: { fileName: "授权委托书.pdf", bytes: pdfBytes("e2e letter") },
  });
  const profile = await db.certificateProfile.findUniqueOrThrow({ where: { code: "organization-signing" } });
  const { applicationId } = await insertApplicationRow(db, {
    applicantId: orgAdmin.actor!.userId,
    profileId: profile.id,
    // The person named in the certificate (the profile needs a full name), verified by the approving officer.
    identity: { legalName: "王经办", verifiedAt: now },
    organisationId: org.id,
    status: "APPROVED",
    subjectDetails: { country: "CN", usageScope: { kind: "平台", name: "电子合同平台" } },
    csrDer: throwawayCsrDer("e2e"),
    registrationAuthorityId: await firstActiveRaId(db),
    submittedAt: now,
    declaredAt: now,
    decidedAt: now,
  });
  const issued = await issueCertificate(officer, { applicationId });
  const accepted = await acceptCurrentAgreement(orgAdmin, "DOWNLOAD", org.id);
  await downloadCertificate(orgAdmin, { certificateId: issued.certificateId });
  await acceptCertificate(orgAdmin, { certificateId: issued.certificateId });
  const cert = await db.certificate.findUniqueOrThrow({ where: { id: issued.certificateId }, select: { serialHex: true, status: true } });
  return { organisationId: org.id, certificateId: issued.certificateId, serialHex: cert.serialHex, status: cert.status, agreementVersion: accepted.version };
}

/** A CA administrator publishes the version in force again, as a new version effective now. */
export async function publishNewAgreement(db: PrismaClient, o: { adminEmail: string }) {
  assertE2eBuild("seeding");
  const admin = await actorByEmail(db, o.adminEmail);
  const current = await findCurrentAgreementVersion(db, admin.clock.now());
  if (!current) throw new Error("no agreement in force");
  const texts = await db.agreementText.findMany({ where: { versionId: current.id } });
  const of = (locale: string) => {
    const t = texts.find((x) => x.locale === locale);
    if (!t) throw new Error(`no ${locale} text`);
    return parseStoredDocument(t.body);
  };
  // A seed: it acts as the dual-control executor would for an approved request.
  const approved = { ...admin, actor: actorForApprovedRequest(admin.actor!, { id: "e2e-seed", kind: "AGREEMENT_PUBLICATION" }) };
  return publishAgreementVersion(approved, { texts: { "zh-CN": of("zh-CN"), en: of("en") }, effectiveAt: admin.clock.now(), changeSummary: "e2e: 续期前重新确认" });
}
