import { z } from "zod";
import { allowedCertificateAction, deriveCertificateState } from "@/domain/certificate";
import type { Prisma } from "@/generated/prisma/client";
import { requireAcceptedAgreement } from "@/server/agreement";
import { isCustomer } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { copyDocument } from "@/server/document";
import { assertNotInCessation } from "@/server/privacy";
import { AGENT_SCOPE_FOR_KIND, AGREEMENT_CONTEXT_FOR_KIND, certificateFacts, refuseBlockedKey } from "@/server/shared";
import { openReplacement, readReplacementCsr, replacementApplicant, replacementRegistrationAuthority } from "./internal/replacement";

export const requestChangeInput = z.object({
  certificateId: z.string().uuid(),
  /** A new key's PKCS#10 request (PEM). Absent: the change keeps the key, and the request of the application carried over is reused. */
  csrPem: z.string().min(1).max(16 * 1024).optional(),
});

/**
 * A change application (clause 1.1: the subscriber's registered details changed; clause 2.2: an
 * objection resolved by CHANGE), by the subscriber, an administrator of the subscribing
 * organisation, or an agent whose authorisation covers CHANGE. The state rule is the domain's
 * `change` offer (the certificate page renders the same answer): a live certificate, not
 * replaced, with no other replacing application under way. The agreement in force must be
 * accepted for an update (AGREEMENT_CONTEXT_FOR_KIND.CHANGE), so it is asked again only when a
 * newer version is in force or the person never accepted one for an update.
 *
 * Starts a DRAFT of kind CHANGE replacing the certificate, carrying over what still holds: the
 * subject details, the verified identity, the profile, the RA that handled the first
 * application (unless it merged or closed), its documents (copied) and the key (its request)
 * or the server-made key choice. The applicant then changes the details and adds documents on the application page
 * and submits; it is reviewed like any application, and the old certificate is revoked as
 * superseded only when the new one is accepted (supersedePredecessorOnAcceptance). The
 * certificate's row lock queues parallel requests: the second sees the first one's draft and is
 * refused (CERT_REPLACEMENT_OPEN, with its id). Every refusal writes nothing.
 */
export const requestChange = defineUseCase({
  name: "renewal.request-change",
  input: requestChangeInput,
  authorize: isCustomer,
  async run(s, input) {
    await assertNotInCessation(s.tx);
    const actor = s.actor!;
    await s.tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${input.certificateId} FOR UPDATE`;
    const cert = await s.tx.certificate.findUnique({
      where: { id: input.certificateId },
      include: { objections: true, application: true },
    });
    if (!cert) throw domainError("NOT_FOUND");

    const orgId = cert.subscriberOrganisationId;
    const { agentAuthorisationId } = await replacementApplicant(s.tx, cert, actor, AGENT_SCOPE_FOR_KIND.CHANGE, s.now);

    // The same answer the certificate page renders (getMyCertificate reads the open replacement the same way).
    const open = await openReplacement(s.tx, cert.id);
    const facts = { ...certificateFacts(cert), replacementOpen: open !== null };
    const allowed = allowedCertificateAction("change", facts, s.now);
    if (!allowed.ok) {
      if (allowed.reason === "CERT_REPLACEMENT_OPEN") throw domainError("CERT_REPLACEMENT_OPEN", { applicationId: open!.id });
      throw domainError("CERT_NOT_CHANGEABLE", { from: deriveCertificateState(facts, s.now).status });
    }
    const previous = cert.application!;
    const agreement = await requireAcceptedAgreement(s.tx, { userId: actor.userId, onBehalfOfOrganisationId: orgId, context: AGREEMENT_CONTEXT_FOR_KIND.CHANGE, now: s.now });

    const profile = await s.tx.certificateProfile.findUniqueOrThrow({ where: { id: previous.profileId }, select: { id: true, active: true } });
    if (!profile.active) throw domainError("PROFILE_NOT_AVAILABLE", { field: "profileCode" });
    // A server-made key is made anew after approval (its old one was never kept); a browser key is kept unless a new request comes.
    if (input.csrPem && previous.keyGeneration === "SERVER_PKCS12") throw domainError("VALIDATION_FAILED", { issues: { csrPem: ["NOT_FOR_SERVER_KEY"] } });
    const newCsr = input.csrPem ? readReplacementCsr(input.csrPem) : null;
    if (newCsr) await refuseBlockedKey(s, { spkiSha256: newCsr.spkiSha256, door: "REKEY", applicationId: null, certificateId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    const csrDer = newCsr ? Uint8Array.from(newCsr.der) : previous.csrDer ? Uint8Array.from(previous.csrDer) : null;
    const publicKeySha256 = newCsr ? newCsr.spkiSha256 : previous.csrDer ? previous.publicKeySha256 : null;

    const raId = await replacementRegistrationAuthority(s.tx, previous.registrationAuthorityId);
    // The latest CHANGE resolution, when an objection called for this change (clause 2.2).
    const ordering = [...cert.objections].filter((o) => o.resolution === "CHANGE").sort((a, b) => (b.resolvedAt?.getTime() ?? 0) - (a.resolvedAt?.getTime() ?? 0))[0];

    const application = await s.tx.application.create({
      data: {
        kind: "CHANGE",
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
        keyGeneration: previous.keyGeneration,
        csrDer,
        publicKeySha256,
        createdAt: s.now,
      },
      select: { id: true, status: true, kind: true },
    });
    // The documents that still hold come along (re-sealed under their new rows); the applicant removes what changed and adds the new proof.
    const documents = await s.tx.document.findMany({ where: { applicationId: previous.id, withdrawnAt: null, erasedAt: null }, orderBy: { createdAt: "asc" }, select: { id: true } });
    let documentsCarriedOver = 0;
    for (const d of documents) if (await copyDocument(s.tx, { documentId: d.id, applicationId: application.id, now: s.now })) documentsCarriedOver++;
    s.audit({
      action: "renewal.requested",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: orgId,
      summary: {
        kind: "CHANGE",
        replacesCertificateId: cert.id,
        serialHex: cert.serialHex,
        notAfter: cert.notAfter.toISOString(),
        agentAuthorisationId,
        agreementVersion: agreement.version,
        agreementAcceptanceId: agreement.acceptanceId,
        keyGeneration: previous.keyGeneration,
        csr: input.csrPem !== undefined,
        changeOrderedByObjectionId: ordering?.id ?? null,
        documentsCarriedOver,
      },
    });
    return { applicationId: application.id, status: application.status, kind: application.kind, registrationAuthorityId: raId };
  },
});

