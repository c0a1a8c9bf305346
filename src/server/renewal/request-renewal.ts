import { z } from "zod";
import { allowedCertificateAction, deriveCertificateState } from "@/domain/certificate";
import type { Prisma } from "@/generated/prisma/client";
import { requireAcceptedAgreement } from "@/server/agreement";
import { AGENT_SCOPE_FOR_KIND, AGREEMENT_CONTEXT_FOR_KIND, OPEN_UPDATE_TARGETS, RENEWAL_WINDOW_SELECT, certificateFacts, refuseBlockedKey } from "@/server/shared";
import { profileAllowsServerKeyGeneration } from "@/server/application";
import { isCustomer } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { assertNotInCessation } from "@/server/privacy";
import { openReplacement, readReplacementCsr, replacementApplicant, replacementRegistrationAuthority } from "./internal/replacement";

export const RENEWAL_KINDS = ["RENEW", "REKEY"] as const;

export const requestRenewalInput = z.object({
  certificateId: z.string().uuid(),
  /** RENEW: a new certificate for the same subject; REKEY: the same, with a new key pair. */
  kind: z.enum(RENEWAL_KINDS),
  keyGeneration: z.enum(["CLIENT_CSR", "SERVER_PKCS12"]).default("CLIENT_CSR"),
  /** The browser-made PKCS#10 request (PEM), when the key was generated already. */
  csrPem: z.string().min(1).max(16 * 1024).optional(),
  /** Where csrPem came from (the portal's page in the browser, or an upload): the key's origin on the pages (issue 15). */
  csrSource: z.enum(["BROWSER", "UPLOADED"]).optional(),
});

/**
 * Renewal or rekey of a certificate (clause 4, 7.5), by its subscriber, an administrator of the
 * subscribing organisation, or an agent whose authorisation covers RENEW (or REKEY) for that
 * organisation now; an agent whose letter expired or was revoked is told so. The agreement in
 * force must be accepted for renewal (again, after a new version). Starts a draft application
 * that replaces the certificate, with the subject, identity and profile of the certificate's own
 * application; it then follows the usual submit -> review -> issue path, and the old certificate
 * is revoked as SUPERSEDED only when the new one is accepted (supersedePredecessorOnAcceptance).
 *
 * The certificate's row lock makes parallel requests for one certificate queue: the second sees
 * the first one's open application and is refused (RENEWAL_ALREADY_OPEN).
 */
export const requestRenewal = defineUseCase({
  name: "renewal.request",
  input: requestRenewalInput,
  authorize: isCustomer,
  async run(s, input) {
    await assertNotInCessation(s.tx);
    const actor = s.actor!;
    await s.tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${input.certificateId} FOR UPDATE`;
    const cert = await s.tx.certificate.findUnique({
      where: { id: input.certificateId },
      include: {
        objections: true,
        application: true,
        profile: RENEWAL_WINDOW_SELECT,
        // A CA-ordered update still open for this certificate (clause 4): its deadline rules, not the window.
        updateNoticeTargets: OPEN_UPDATE_TARGETS,
      },
    });
    if (!cert) throw domainError("NOT_FOUND");

    const orgId = cert.subscriberOrganisationId;
    const { agentAuthorisationId } = await replacementApplicant(s.tx, cert, actor, AGENT_SCOPE_FOR_KIND[input.kind], s.now);
    const agreement = await requireAcceptedAgreement(s.tx, { userId: actor.userId, onBehalfOfOrganisationId: orgId, context: AGREEMENT_CONTEXT_FOR_KIND[input.kind], now: s.now });

    // The state and window rule is the domain's (the certificate and agent pages offer renewal from
    // the same answer); a certificate named by an open update notice is updated whenever the CA asks.
    const facts = certificateFacts(cert);
    const updateOrdered = cert.updateNoticeTargets.length > 0;
    const allowed = allowedCertificateAction(input.kind === "REKEY" ? "rekey" : "renew", facts, s.now);
    if (!allowed.ok) {
      if (allowed.reason === "CERT_RENEWAL_TOO_EARLY") throw domainError("CERT_RENEWAL_TOO_EARLY", { opensAt: allowed.at!.toISOString() });
      if (allowed.reason === "CERT_RENEWAL_TOO_LATE") throw domainError("CERT_RENEWAL_TOO_LATE", { closedAt: allowed.at!.toISOString() });
      throw domainError("CERT_NOT_RENEWABLE", { from: deriveCertificateState(facts, s.now).status });
    }
    if (!cert.application) throw domainError("CERT_NOT_RENEWABLE", { from: deriveCertificateState(facts, s.now).status });
    const open = await openReplacement(s.tx, cert.id);
    if (open) throw domainError("RENEWAL_ALREADY_OPEN", { applicationId: open.id });

    const previous = cert.application;
    const profile = await s.tx.certificateProfile.findUniqueOrThrow({ where: { id: previous.profileId }, select: { id: true, code: true, active: true } });
    if (!profile.active) throw domainError("PROFILE_NOT_AVAILABLE", { field: "profileCode" });
    if (input.keyGeneration === "SERVER_PKCS12" && (input.csrPem || !profileAllowsServerKeyGeneration(profile.code))) {
      throw domainError("VALIDATION_FAILED", { issues: { keyGeneration: ["NOT_FOR_PROFILE"] } });
    }
    let csrDer: Uint8Array<ArrayBuffer> | null = null;
    let publicKeySha256: string | null = null;
    if (input.csrPem) {
      const csr = readReplacementCsr(input.csrPem);
      if (input.kind === "REKEY" && csr.spkiSha256 === cert.publicKeySha256) throw domainError("REKEY_SAME_KEY", { field: "csrPem" });
      await refuseBlockedKey(s, { spkiSha256: csr.spkiSha256, door: "REKEY", applicationId: null, certificateId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
      csrDer = Uint8Array.from(csr.der);
      publicKeySha256 = csr.spkiSha256;
    }
    const raId = await replacementRegistrationAuthority(s.tx, previous.registrationAuthorityId);

    const application = await s.tx.application.create({
      data: {
        kind: input.kind,
        status: "DRAFT",
        applicantId: actor.userId,
        subjectType: previous.subjectType,
        organisationId: orgId,
        agentAuthorisationId,
        subscriberIdentityId: previous.subscriberIdentityId,
        // Same subject as the certificate's application: the RA's duplicate and history lookups find it by this.
        identityKey: previous.identityKey,
        profileId: profile.id,
        subjectDetails: previous.subjectDetails as Prisma.InputJsonValue,
        registrationAuthorityId: raId,
        replacesCertificateId: cert.id,
        keyGeneration: input.keyGeneration,
        csrDer,
        csrSource: csrDer ? (input.csrSource ?? null) : null,
        publicKeySha256,
        createdAt: s.now,
      },
      select: { id: true, status: true, kind: true },
    });
    s.audit({
      action: "renewal.requested",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: orgId,
      summary: {
        kind: input.kind,
        replacesCertificateId: cert.id,
        serialHex: cert.serialHex,
        notAfter: cert.notAfter.toISOString(),
        agentAuthorisationId,
        agreementVersion: agreement.version,
        agreementAcceptanceId: agreement.acceptanceId,
        keyGeneration: input.keyGeneration,
        csr: csrDer !== null,
        // Inside the profile's window (its end), or outside it because an update notice asked for it.
        windowClosesAt: allowed.until?.toISOString() ?? null,
        updateOrdered,
      },
    });
    return { applicationId: application.id, status: application.status, kind: application.kind, registrationAuthorityId: raId };
  },
});

