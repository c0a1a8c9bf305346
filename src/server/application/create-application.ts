import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { TERMINAL_APPLICATION_STATUSES } from "@/domain/application";
import { requireAcceptedAgreement } from "@/server/agreement";
import { type Tx, domainError, defineUseCase } from "@/server/core";
import { requireOrganisationAuthority } from "@/server/auth";
import { assignableRegistrationAuthority } from "./assignable-ra";
import { subjectIdentityKey } from "./internal/subject-identity-key";
import { AGENT_SCOPE_FOR_KIND, AGREEMENT_CONTEXT_FOR_KIND, APPLICATION_KINDS } from "@/server/shared";
import { subjectDetailProblems, profileAllowsServerKeyGeneration, profileNeedsHolderName, subjectDetailsSchema } from "./subject-details";
import { assertNotInCessation } from "@/server/privacy";

export const createApplicationInput = z
  .object({
    kind: z.enum(APPLICATION_KINDS),
    profileCode: z.string().min(1).max(64),
    /** Set when applying for an organisation (as its admin or its agent). */
    organisationId: z.string().uuid().optional(),
    /** The person named in the certificate; for an individual it defaults to the applicant's latest identity. */
    subscriberIdentityId: z.string().uuid().optional(),
    /** Required for RENEW, REKEY, UPDATE and CHANGE: the certificate this application replaces. */
    replacesCertificateId: z.string().uuid().optional(),
    registrationAuthorityId: z.string().uuid().optional(),
    keyGeneration: z.enum(["CLIENT_CSR", "SERVER_PKCS12"]).default("CLIENT_CSR"),
    subjectDetails: subjectDetailsSchema,
  })
  .refine((v) => v.kind !== "NEW" || v.replacesCertificateId === undefined, { path: ["replacesCertificateId"], message: "NOT_FOR_NEW" });

/**
 * Starts an application as a draft (clause 1.1). The agreement gate comes first: the applicant
 * (for the organisation, when acting for one) must have accepted the version in force for this
 * kind of action. The application is assigned to an RA now, so it lands in a review queue.
 */
export const createApplication = defineUseCase({
  name: "application.create",
  input: createApplicationInput,
  authorize: "signed-in",
  async run(s, input) {
    // Clause 6 / cessation mode: no new personal data is collected once the CA is ceasing.
    await assertNotInCessation(s.tx);
    const actor = s.actor!;
    const orgId = input.organisationId ?? null;
    let agentAuthorisationId: string | null = null;
    if (orgId) {
      const org = await s.tx.organisation.findUnique({ where: { id: orgId }, select: { id: true, anonymisedAt: true } });
      if (!org || org.anonymisedAt) throw domainError("NOT_FOUND", { field: "organisationId" });
      const authority = await requireOrganisationAuthority(s.tx, { userId: actor.userId, organisationId: orgId, scope: AGENT_SCOPE_FOR_KIND[input.kind], now: s.now });
      if (authority.via === "AGENT") agentAuthorisationId = authority.authorisationId;
    }
    await requireAcceptedAgreement(s.tx, { userId: actor.userId, onBehalfOfOrganisationId: orgId, context: AGREEMENT_CONTEXT_FOR_KIND[input.kind], now: s.now });

    const profile = await s.tx.certificateProfile.findUnique({ where: { code: input.profileCode }, select: { id: true, code: true, active: true, subjectType: true } });
    const subjectType = orgId ? "ORGANISATION" : "INDIVIDUAL";
    if (!profile || !profile.active || profile.subjectType !== subjectType) throw domainError("PROFILE_NOT_AVAILABLE", { field: "profileCode" });
    const problems = subjectDetailProblems(profile.code, input.subjectDetails);
    if (Object.keys(problems).length > 0) throw domainError("VALIDATION_FAILED", { issues: problems });
    if (input.keyGeneration === "SERVER_PKCS12" && !profileAllowsServerKeyGeneration(profile.code)) {
      throw domainError("VALIDATION_FAILED", { issues: { keyGeneration: ["NOT_FOR_PROFILE"] } });
    }

    const identityId = await resolveIdentity(s.tx, { actorId: actor.userId, organisationId: orgId, requested: input.subscriberIdentityId, required: !orgId || profileNeedsHolderName(profile.code) });
    if (input.kind !== "NEW") await checkReplacedCertificate(s.tx, { certificateId: input.replacesCertificateId, actorId: actor.userId, organisationId: orgId, now: s.now });
    const ra = await assignableRegistrationAuthority(s.tx, input.registrationAuthorityId);
    // The subject's normalised number: the RA finds duplicates and history by it, across accounts.
    const identityKey = await subjectIdentityKey(s.tx, { subjectType, subscriberIdentityId: identityId, organisationId: orgId });

    const application = await s.tx.application.create({
      data: {
        kind: input.kind,
        status: "DRAFT",
        applicantId: actor.userId,
        subjectType,
        organisationId: orgId,
        agentAuthorisationId,
        subscriberIdentityId: identityId,
        identityKey,
        profileId: profile.id,
        subjectDetails: input.subjectDetails as Prisma.InputJsonValue,
        registrationAuthorityId: ra.id,
        replacesCertificateId: input.replacesCertificateId ?? null,
        keyGeneration: input.keyGeneration,
        createdAt: s.now,
      },
      select: { id: true, status: true, kind: true },
    });
    s.audit({
      action: "application.created",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: orgId,
      summary: {
        kind: input.kind,
        profileCode: profile.code,
        registrationAuthorityId: ra.id,
        replacesCertificateId: input.replacesCertificateId ?? null,
        agentAuthorisationId,
      },
    });
    return { applicationId: application.id, status: application.status, registrationAuthorityId: ra.id };
  },
});

async function resolveIdentity(tx: Tx, args: { actorId: string; organisationId: string | null; requested?: string; required: boolean }): Promise<string | null> {
  if (args.requested) {
    const identity = await tx.subscriberIdentity.findUnique({ where: { id: args.requested }, select: { id: true, userId: true, organisationId: true, anonymisedAt: true } });
    const owned = identity && !identity.anonymisedAt && (args.organisationId ? identity.organisationId === args.organisationId : identity.userId === args.actorId);
    if (!owned) throw domainError("IDENTITY_REQUIRED", { field: "subscriberIdentityId" });
    return identity.id;
  }
  if (!args.required) return null;
  const latest = await tx.subscriberIdentity.findFirst({
    where: args.organisationId ? { organisationId: args.organisationId, anonymisedAt: null } : { userId: args.actorId, anonymisedAt: null },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (!latest) throw domainError("IDENTITY_REQUIRED", { field: "subscriberIdentityId" });
  return latest.id;
}

/**
 * The replaced certificate must belong to the same subscriber (the person, or the organisation),
 * still be valid, and not already be the subject of another open application.
 */
async function checkReplacedCertificate(tx: Tx, args: { certificateId?: string; actorId: string; organisationId: string | null; now: Date }): Promise<void> {
  if (!args.certificateId) throw domainError("REPLACED_CERTIFICATE_REQUIRED", { field: "replacesCertificateId" });
  // Row lock: parallel replacements of one certificate queue here, so the open-application check below sees the winner.
  await tx.$queryRaw`SELECT "id" FROM "Certificate" WHERE "id" = ${args.certificateId} FOR UPDATE`;
  const cert = await tx.certificate.findUnique({
    where: { id: args.certificateId },
    select: { id: true, subscriberUserId: true, subscriberOrganisationId: true, revokedAt: true, notAfter: true, supersededById: true },
  });
  const owned = cert && (args.organisationId ? cert.subscriberOrganisationId === args.organisationId : cert.subscriberUserId === args.actorId && cert.subscriberOrganisationId === null);
  if (!cert || !owned || cert.revokedAt || cert.supersededById || cert.notAfter.getTime() <= args.now.getTime()) {
    throw domainError("REPLACED_CERTIFICATE_INVALID", { field: "replacesCertificateId" });
  }
  const open = await tx.application.findFirst({
    where: { replacesCertificateId: cert.id, status: { notIn: [...TERMINAL_APPLICATION_STATUSES] } },
    select: { id: true },
  });
  if (open) throw domainError("CONFLICT", { field: "replacesCertificateId", openApplicationId: open.id });
}
