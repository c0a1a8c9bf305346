import { z } from "zod";
import { derToPem } from "@/ca/asn1/certificate-parts";
import { deriveCertificateState } from "@/domain/certificate";
import { certificateFacts } from "@/server/shared";
import { defineUseCase, withoutLinkSecrets } from "@/server/core";

export const exportMyDataInput = z.object({});

/**
 * Clause 6: everything the portal holds about the signed-in person, as one JSON document: account,
 * identities, organisations and agent authorisations, applications with their documents'
 * metadata, certificates, agreement acceptances, revocation / objection / privacy requests,
 * support threads, notifications, disclosures to third parties, and the audit events where they
 * are the actor or the subject. Document BYTES are not included: each file's name, type, size and
 * SHA-256 are, and the file itself is downloaded one by one through the document area (each read
 * audited), which keeps this export small and free of identity-card images sent by mail or cached.
 * The export itself is recorded (a PrivacyRequest of kind EXPORT and an audit event).
 */
export const exportMyData = defineUseCase({
  name: "privacy.export-my-data",
  input: exportMyDataInput,
  authorize: "signed-in",
  async run(s) {
    const userId = s.actor!.userId;
    const tx = s.tx;
    const account = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { id: true, email: true, displayName: true, phone: true, locale: true, roles: true, emailVerifiedAt: true, disabledAt: true, anonymisedAt: true, createdAt: true },
    });
    const identities = await tx.subscriberIdentity.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
    const memberships = await tx.organisationMember.findMany({
      where: { userId },
      include: { organisation: { select: { id: true, name: true, nameEn: true, unifiedSocialCreditCode: true } } },
    });
    const agentAuthorisations = await tx.agentAuthorisation.findMany({
      where: { agentUserId: userId },
      include: { organisation: { select: { id: true, name: true } } },
    });
    const documentMeta = {
      id: true,
      applicationId: true,
      agentAuthorisationId: true,
      kind: true,
      fileName: true,
      sniffedType: true,
      size: true,
      sha256: true,
      createdAt: true,
      erasedAt: true,
    } as const;
    const applications = await tx.application.findMany({
      where: { applicantId: userId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, kind: true, status: true, subjectType: true, organisationId: true, profileId: true, subjectDetails: true,
        declarations: true, declaredAt: true, feeCents: true, feeStatus: true, decisionReason: true, keyGeneration: true,
        submittedAt: true, decidedAt: true, createdAt: true, replacesCertificateId: true,
        documents: { select: documentMeta },
      },
    });
    const documents = await tx.document.findMany({ where: { ownerUserId: userId }, select: documentMeta, orderBy: { createdAt: "asc" } });
    const certRows = await tx.certificate.findMany({
      where: { OR: [{ subscriberUserId: userId }, { application: { applicantId: userId } }] },
      include: { objections: true, profile: { select: { code: true } } },
      orderBy: { notBefore: "asc" },
    });
    const certificates = certRows.map((c) => ({
      id: c.id,
      serialHex: c.serialHex,
      subjectDn: c.subjectDn,
      profile: c.profile.code,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      status: deriveCertificateState(certificateFacts(c), s.now).status,
      deliveryMethod: c.deliveryMethod,
      receiptAt: c.receiptAt,
      testWindowDeadline: c.testWindowDeadline,
      acceptanceKind: c.acceptanceKind,
      acceptedAt: c.acceptedAt,
      holdAt: c.holdAt,
      revokedAt: c.revokedAt,
      revocationReason: c.revocationReason,
      publishConsent: c.publishConsent,
      pem: c.der.length > 0 ? derToPem(c.der, "CERTIFICATE") : null,
    }));
    const certificateIds = certRows.map((c) => c.id);
    const acceptances = await tx.agreementAcceptance.findMany({
      where: { userId },
      include: { version: { select: { version: true } } },
      orderBy: { acceptedAt: "asc" },
    });
    const revocationRequests = await tx.revocationRequest.findMany({ where: { OR: [{ requestedById: userId }, { certificateId: { in: certificateIds } }] } });
    const objections = await tx.objection.findMany({ where: { raisedById: userId } });
    const testResults = await tx.certificateTestResult.findMany({ where: { certificateId: { in: certificateIds } } });
    const privacyRequests = await tx.privacyRequest.findMany({ where: { userId }, orderBy: { requestedAt: "asc" } });
    const supportThreads = await tx.supportRequest.findMany({
      where: { userId },
      include: { messages: { where: { internal: false }, orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, authorId: true } } },
    });
    const notifications = await tx.notification.findMany({
      where: { userId },
      select: { id: true, toAddress: true, locale: true, template: true, payload: true, status: true, createdAt: true, sentAt: true },
      orderBy: { createdAt: "asc" },
    });
    const disclosures = await tx.disclosure.findMany({
      where: { subjectUserId: userId },
      include: { processor: { select: { name: true, purpose: true, location: true } } },
      orderBy: { at: "asc" },
    });
    // The second factors the account holds, described but never their secrets (sealed TOTP secret,
    // passkey public keys, recovery code hashes stay out).
    const totp = await tx.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true, createdAt: true } });
    const passkeys = await tx.passkey.findMany({ where: { userId }, select: { name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } });
    const recoveryCodes = await tx.recoveryCode.findMany({ where: { userId }, select: { usedAt: true } });
    const secondFactors = {
      totp,
      passkeys,
      recoveryCodes: { total: recoveryCodes.length, used: recoveryCodes.filter((c) => c.usedAt !== null).length },
    };
    const subjectIds = [
      userId,
      ...identities.map((i) => i.id),
      ...applications.map((a) => a.id),
      ...documents.map((d) => d.id),
      ...certificateIds,
      ...acceptances.map((a) => a.id),
      ...revocationRequests.map((r) => r.id),
      ...supportThreads.map((r) => r.id),
      ...privacyRequests.map((r) => r.id),
    ];
    const auditEvents = await tx.auditEvent.findMany({
      where: { OR: [{ actorId: userId }, { onBehalfOfId: userId }, { subjectId: { in: subjectIds } }] },
      orderBy: { seq: "asc" },
    });

    const request = await tx.privacyRequest.create({
      data: { userId, kind: "EXPORT", status: "COMPLETED", requestedAt: s.now, completedAt: s.now, outcome: { documentBytesIncluded: false } },
    });
    s.audit({
      action: "privacy.exported",
      subjectType: "PrivacyRequest",
      subjectId: request.id,
      summary: { certificates: certificates.length, applications: applications.length, auditEvents: auditEvents.length },
    });
    return {
      format: "portal.personal-data-export/1",
      generatedAt: s.now.toISOString(),
      requestId: request.id,
      documentBytesIncluded: false,
      account,
      secondFactors,
      identities,
      organisations: memberships.map((m) => ({ role: m.role, since: m.createdAt, removedAt: m.removedAt, organisation: m.organisation })),
      agentAuthorisations,
      applications,
      documents,
      certificates,
      certificateTestResults: testResults,
      agreementAcceptances: acceptances.map(({ version, ...a }) => ({ ...a, agreementVersion: version.version })),
      revocationRequests,
      objections,
      privacyRequests,
      supportThreads,
      // Never a one-time link token, even of a mail still waiting to go out (withoutLinkSecrets).
      notifications: notifications.map((n) => ({ ...n, payload: withoutLinkSecrets(n.payload) })),
      disclosures,
      auditEvents,
    };
  },
});
