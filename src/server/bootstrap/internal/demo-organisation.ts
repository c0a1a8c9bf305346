import type { PrismaClient } from "@/generated/prisma/client";
import { certificateRequest } from "@/client/browser-key";
import { acceptAgreement, findCurrentAgreementVersion } from "@/server/agreement";
import { attachCsr, attachDocument, createApplication, submitApplication } from "@/server/application";
import { wireContext } from "@/server/ca-service";
import { acceptCertificate, downloadCertificate, issueCertificate } from "@/server/certificate";
import { type Clock, type ServiceContext, isDomainError, logger } from "@/server/core";
import { grantAgentAuthorisation, registerOrganisation } from "@/server/organisation";
import { approveApplication, recordPayment } from "@/server/ra";
import { recordIdentity } from "@/server/subscriber";
import { orderUpdate } from "@/server/update-notice";

const log = logger.child({ area: "bootstrap" });

/** The AppSetting that says the demo organisation was made once; it is never made again. */
export const DEMO_ORGANISATION_KEY = "demo.organisation";

/** Who plays which part (the demo accounts of demo-accounts.ts). */
export const DEMO_ORGANISATION_ACCOUNTS = {
  orgAdmin: "org-admin@demo.test",
  agent: "agent@demo.test",
  officer: "ra-officer@demo.test",
  admin: "ca-admin@demo.test",
} as const;

/** A fixed, checksum-valid credit code (GB 32100) and resident ID: the same demo on every installation. */
export const DEMO_ORGANISATION = {
  name: "演示科技有限公司",
  nameEn: "Demo Technology Co., Ltd.",
  unifiedSocialCreditCode: "91310115315007215A",
  legalRepresentative: "王演示",
} as const;
const DEMO_AGENT_IDENTITY = { legalName: "李经办", idDocument: { type: "RESIDENT_ID_CARD" as const, number: "310115198503152110" } };
/** The agent may do what the agent's journey needs: apply, renew, download, test (and accept, which DOWNLOAD covers). */
const DEMO_AGENT_SCOPE = ["APPLY", "RENEW", "DOWNLOAD", "TEST"] as const;
const DAY_MS = 86_400_000;

/** A one-page PDF standing for the scanned papers (licence, authorisation letter) of a demo. */
function demoPdf(title: string): { fileName: string; bytes: Buffer } {
  return { fileName: `${title}.pdf`, bytes: Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% demo: ${title}\ntrailer << /Root 1 0 R >>\n%%EOF\n`, "utf8") };
}

/** A fresh P-256 key's request; the key is dropped: the demo certificate is renewed with a new key, never used to sign. */
async function throwawayCsrPem(): Promise<string> {
  const keys = (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, false, ["sign", "verify"])) as CryptoKeyPair;
  return (await certificateRequest(keys)).csrPem;
}

async function actAs(db: PrismaClient, clock: Clock, email: string): Promise<ServiceContext | null> {
  const u = await db.user.findUnique({ where: { email }, select: { id: true, roles: true } });
  return u ? wireContext({ db, clock, actor: { userId: u.id, roles: u.roles }, meta: { userAgent: "bootstrap: demo organisation" } }) : null;
}

async function acceptCurrent(ctx: ServiceContext, context: "APPLY" | "DOWNLOAD", organisationId: string): Promise<void> {
  const v = await findCurrentAgreementVersion(ctx.db, ctx.clock.now());
  if (!v) throw new Error("no agreement in force");
  await acceptAgreement(ctx, { version: v.version, contentHash: v.contentHash, context, locale: "zh-CN", onBehalfOfOrganisationId: organisationId });
}

/**
 * The demo organisation, so that an agent's journey can be tried on a fresh start (issue 15): a
 * verified organisation (its licence checked by the demo RA officer when its first application
 * was approved), the demo agent authorised for it (APPLY, RENEW, DOWNLOAD, TEST; the letter
 * checked by the officer), and an organisation signing certificate the agent applied for,
 * downloaded and accepted. Every step is the real use case of the person who would take it, so
 * the audit trail reads as a real history.
 *
 * "Due for renewal" on a fresh start: the CA engine issues from now (never backdated), so a new
 * certificate is not in its profile's renewal window for 640 days. The demo CA administrator
 * therefore orders an update of it (clause 4, no revocation at the deadline), which is the CA's
 * own way of opening renewal early (allowed-actions: updateOrdered).
 *
 * Once per database (AppSetting demo.organisation); skipped when a demo account it needs is
 * missing (an older installation, or customer-only demo accounts) or there is no CA hierarchy.
 */
export async function ensureDemoOrganisation(db: PrismaClient, clock: Clock): Promise<{ created: boolean; organisationId?: string; certificateId?: string }> {
  if (await db.appSetting.findUnique({ where: { key: DEMO_ORGANISATION_KEY } })) return { created: false };
  if ((await db.issuingCa.count({ where: { role: "ISSUING" } })) === 0) return { created: false };
  const [orgAdmin, agent, officer, admin] = await Promise.all(Object.values(DEMO_ORGANISATION_ACCOUNTS).map((e) => actAs(db, clock, e)));
  if (!orgAdmin || !agent || !officer || !admin) return { created: false };
  if (await db.organisation.findUnique({ where: { unifiedSocialCreditCode: DEMO_ORGANISATION.unifiedSocialCreditCode } })) return { created: false };

  let org;
  try {
    org = await registerOrganisation(orgAdmin, { ...DEMO_ORGANISATION });
  } catch (e) {
    // Another instance starting at the same moment registered it first: it finishes the demo.
    if (isDomainError(e) && e.code === "ORGANISATION_ALREADY_REGISTERED") return { created: false };
    throw e;
  }
  const now = clock.now();
  await grantAgentAuthorisation(officer, {
    organisationId: org.id,
    agentEmail: DEMO_ORGANISATION_ACCOUNTS.agent,
    scope: [...DEMO_AGENT_SCOPE],
    validFrom: now,
    validUntil: new Date(now.getTime() + 3 * 365 * DAY_MS),
    letter: demoPdf("授权委托书"),
  });
  // The profile names a person in the certificate (CN): the organisation's administrator records the agent as that person.
  const identity = await recordIdentity(orgAdmin, { ...DEMO_AGENT_IDENTITY, organisationId: org.id });
  await acceptCurrent(agent, "APPLY", org.id);
  const { applicationId } = await createApplication(agent, {
    kind: "NEW",
    profileCode: "organization-signing",
    organisationId: org.id,
    subscriberIdentityId: identity.identityId,
    subjectDetails: { country: "CN", city: "上海", usageScope: { kind: "平台", name: "演示电子合同平台" } },
  });
  await attachCsr(agent, { applicationId, csrPem: await throwawayCsrPem() });
  await attachDocument(agent, { applicationId, kind: "BUSINESS_LICENCE", file: demoPdf("营业执照") });
  const submitted = await submitApplication(agent, {
    applicationId,
    declarations: { truthfulCompleteLawful: true, copiesMatchOriginals: true, consentToElectronicSignatureUse: true, consentToCertificateQuery: true },
  });
  if (submitted.feeStatus === "UNPAID") {
    await recordPayment(officer, { applicationId, amountCents: submitted.feeCents, method: "BANK_TRANSFER", reference: "DEMO-0001" });
  }
  await approveApplication(officer, { applicationId, note: "演示数据：营业执照与授权委托书已核验。" });
  const { certificateId } = await issueCertificate(officer, { applicationId });
  try {
    await downloadCertificate(agent, { certificateId });
  } catch (e) {
    // Where downloads need their own acceptance of the agreement, the agent gives it, as the page would ask.
    if (!(isDomainError(e) && e.code === "AGREEMENT_NOT_ACCEPTED")) throw e;
    await acceptCurrent(agent, "DOWNLOAD", org.id);
    await downloadCertificate(agent, { certificateId });
  }
  await acceptCertificate(agent, { certificateId });
  const cert = await db.certificate.findUniqueOrThrow({ where: { id: certificateId }, select: { notAfter: true } });
  await orderUpdate(admin, {
    selection: { profileCodes: ["organization-signing"], expiresFrom: cert.notAfter, expiresTo: cert.notAfter },
    reason: "演示数据：请为演示科技有限公司的机构签名证书办理续期，以便试用续期流程。",
    deadline: new Date(now.getTime() + 90 * DAY_MS),
    consequence: "NO_ACTION",
  });
  await db.appSetting.create({ data: { key: DEMO_ORGANISATION_KEY, value: { at: now.toISOString(), organisationId: org.id, certificateId } } });
  log.info({ organisationId: org.id, certificateId }, "demo organisation created");
  return { created: true, organisationId: org.id, certificateId };
}
