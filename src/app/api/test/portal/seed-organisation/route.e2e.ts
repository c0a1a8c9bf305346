// Exists only in builds made with PORTAL_E2E_BUILD=1 (see pageExtensions in next.config.ts).
import { execFileSync } from "node:child_process";
import { randomInt } from "node:crypto";
import { getDatabase } from "@/db";
import type { PrismaClient } from "@/generated/prisma/client";
import { hashPassword } from "@/server/account/password";
import { acceptAgreement } from "@/server/agreement/accept-agreement";
import { findCurrentAgreementVersion } from "@/server/agreement/current-agreement";
import { parseStoredDocument } from "@/server/agreement/agreement-store";
import { publishAgreementVersion } from "@/server/agreement/publish-agreement-version";
import { acceptCertificate } from "@/server/certificate/accept-certificate";
import { downloadCertificate } from "@/server/certificate/download-certificate";
import { issueCertificate } from "@/server/certificate/issue-certificate";
import type { ServiceContext } from "@/server/core/context";
import { organisationCodeCheckChar, usccCheckChar } from "@/domain/identity";
import { grantAgentAuthorisation } from "@/server/organisation/grant-agent-authorisation";
import { registerOrganisation } from "@/server/organisation/register-organisation";
import { requestClock, TEST_CLOCK_ENABLED } from "@/server/testing/test-clock";

type Body =
  | { action: "organisation-certificate"; agentEmail: string; officerEmail: string; name: string }
  | { action: "publish-agreement"; adminEmail: string };

async function actorCtx(db: PrismaClient, email: string): Promise<ServiceContext> {
  const u = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true, roles: true } });
  return { db, clock: await requestClock(db), actor: { userId: u.id, roles: u.roles }, meta: { ip: "127.0.0.1", userAgent: "e2e-seed" } };
}

/** A fresh, checksum-valid unified social credit code (GB 32100), so each run registers a new organisation. */
function freshUscc(): string {
  const body8 = Array.from({ length: 8 }, () => String(randomInt(10))).join("");
  const first17 = `91350100${body8}${organisationCodeCheckChar(body8)}`;
  return first17 + usccCheckChar(first17);
}

function makeCsrDer(): Buffer {
  return execFileSync("openssl", ["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "/dev/null", "-subj", "/CN=e2e", "-outform", "DER"]);
}

/**
 * An organisation (registered by a fresh administrator), the agent authorised by an RA officer
 * for RENEW, and an organisation certificate issued, received and accepted through the real use
 * cases. The approved application row is put in place directly, as the console seed does: the
 * application journey itself is proven elsewhere.
 */
async function seedOrganisationCertificate(db: PrismaClient, o: { agentEmail: string; officerEmail: string; name: string }) {
  const adminEmail = `org-admin-${Date.now()}-${randomInt(1e6)}@e2e.test`;
  await db.user.create({ data: { email: adminEmail, passwordHash: await hashPassword("Org-admin-e2e-1"), roles: ["SUBSCRIBER"], emailVerifiedAt: new Date(), locale: "zh-CN" } });
  const orgAdmin = await actorCtx(db, adminEmail);
  const officer = await actorCtx(db, o.officerEmail);
  const org = await registerOrganisation(orgAdmin, { name: o.name, unifiedSocialCreditCode: freshUscc(), legalRepresentative: "王法人" });
  const now = orgAdmin.clock.now();
  await grantAgentAuthorisation(officer, {
    organisationId: org.id,
    agentEmail: o.agentEmail,
    scope: ["RENEW", "DOWNLOAD", "TEST"],
    validFrom: new Date(now.getTime() - 86_400_000),
    validUntil: new Date(now.getTime() + 365 * 86_400_000),
    letter: { fileName: "授权委托书.pdf", bytes: Buffer.from("%PDF-1.4\n% e2e letter\n%%EOF\n") },
  });
  const profile = await db.certificateProfile.findUniqueOrThrow({ where: { code: "organization-signing" } });
  const ra = await db.registrationAuthority.findFirst({ where: { status: "ACTIVE" }, orderBy: { createdAt: "asc" } });
  // The person named in the certificate (the profile needs a full name), verified by the approving officer.
  const identity = await db.subscriberIdentity.create({
    data: { userId: orgAdmin.actor!.userId, legalName: "王经办", idDocumentType: "RESIDENT_ID_CARD", idDocumentNumber: "11010519491231002X", verifiedAt: now },
  });
  const app = await db.application.create({
    data: {
      kind: "NEW",
      status: "APPROVED",
      applicantId: orgAdmin.actor!.userId,
      subjectType: "ORGANISATION",
      organisationId: org.id,
      subscriberIdentityId: identity.id,
      profileId: profile.id,
      subjectDetails: { country: "CN", usageScope: { kind: "平台", name: "电子合同平台" } },
      feeStatus: "NOT_REQUIRED",
      keyGeneration: "CLIENT_CSR",
      csrDer: Uint8Array.from(makeCsrDer()),
      registrationAuthorityId: ra?.id ?? null,
      submittedAt: now,
      declaredAt: now,
      decidedAt: now,
    },
  });
  const issued = await issueCertificate(officer, { applicationId: app.id });
  const current = await findCurrentAgreementVersion(db, now);
  if (!current) throw new Error("no agreement in force");
  await acceptAgreement(orgAdmin, { version: current.version, contentHash: current.contentHash, context: "DOWNLOAD", locale: "zh-CN", onBehalfOfOrganisationId: org.id });
  await downloadCertificate(orgAdmin, { certificateId: issued.certificateId });
  await acceptCertificate(orgAdmin, { certificateId: issued.certificateId });
  const cert = await db.certificate.findUniqueOrThrow({ where: { id: issued.certificateId }, select: { serialHex: true, status: true } });
  return { organisationId: org.id, certificateId: issued.certificateId, serialHex: cert.serialHex, status: cert.status, agreementVersion: current.version };
}

/** A CA administrator publishes the version in force again, as a new version effective now. */
async function publishNewAgreement(db: PrismaClient, o: { adminEmail: string }) {
  const admin = await actorCtx(db, o.adminEmail);
  const current = await findCurrentAgreementVersion(db, admin.clock.now());
  if (!current) throw new Error("no agreement in force");
  const texts = await db.agreementText.findMany({ where: { versionId: current.id } });
  const of = (locale: string) => {
    const t = texts.find((x) => x.locale === locale);
    if (!t) throw new Error(`no ${locale} text`);
    return parseStoredDocument(t.body);
  };
  const r = await publishAgreementVersion(admin, { texts: { "zh-CN": of("zh-CN"), en: of("en") }, effectiveAt: admin.clock.now(), changeSummary: "e2e: 续期前重新确认" });
  return r;
}

export async function POST(req: Request) {
  if (!TEST_CLOCK_ENABLED) return Response.json({ error: "e2e builds only" }, { status: 404 });
  const body = (await req.json()) as Body;
  const db = (await getDatabase()).prisma;
  try {
    switch (body.action) {
      case "organisation-certificate":
        return Response.json(await seedOrganisationCertificate(db, body));
      case "publish-agreement":
        return Response.json(await publishNewAgreement(db, body));
    }
  } catch (e) {
    return Response.json({ error: String(e), details: (e as { details?: unknown }).details ?? null }, { status: 500 });
  }
  return Response.json({ error: "unknown action" }, { status: 400 });
}
