import { z } from "zod";
import { parseCsr } from "@/ca/issuance/parse-csr";
import { isRaOfficer, officerApplicationAnswer, officerRegistrationAuthority, withinOfficerRa } from "@/server/auth";
import { canonicalJson, defineQuery } from "@/server/core";

export const applicationReviewInput = z.object({ applicationId: z.string().uuid() });

/**
 * What an officer weighs beside the application itself (getApplication gives that): the earlier
 * applications and certificates of the same applicant or organisation, and warnings when the
 * CSR's key is already certified for someone, or another open application asks for the same subject.
 * `officer`: whether this officer may decide it (review, payment, cancel, issue, paper acceptance),
 * or why not (CONFLICT_OF_INTEREST when party to it): the answer those use cases enforce. Null for
 * an application of another RA than the officer's (auth/application-review-access.ts: RA scoping).
 */
export const applicationReview = defineQuery({
  name: "console.application-review",
  input: applicationReviewInput,
  authorize: isRaOfficer,
  async run(ctx, input) {
    const app = await ctx.db.application.findUnique({
      where: { id: input.applicationId },
      select: {
        id: true, applicantId: true, organisationId: true, registrationAuthorityId: true, subjectType: true, subjectDetails: true, csrDer: true, keyGeneration: true,
        paymentReference: true, paymentRecordedAt: true,
        applicant: { select: { email: true, displayName: true, locale: true } },
        // What the officer compares with the identity document: the name and number the certificate will rest on.
        subscriberIdentity: { select: { legalName: true, idDocumentType: true, idDocumentNumber: true, verifiedAt: true, anonymisedAt: true } },
      },
    });
    if (!app) return null;
    const actor = ctx.actor!;
    if (!withinOfficerRa(await officerRegistrationAuthority(ctx.db, actor), app)) return null;
    const officer = await officerApplicationAnswer(ctx.db, actor, app, ctx.now);
    const owner = app.organisationId ? { organisationId: app.organisationId } : { applicantId: app.applicantId, organisationId: null };
    const earlierApplications = await ctx.db.application.findMany({
      where: { ...owner, id: { not: app.id } },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, kind: true, status: true, createdAt: true, submittedAt: true, decisionReason: true },
    });
    const certificates = await ctx.db.certificate.findMany({
      where: app.organisationId ? { subscriberOrganisationId: app.organisationId } : { subscriberUserId: app.applicantId, subscriberOrganisationId: null },
      orderBy: { notBefore: "desc" },
      take: 20,
      select: { id: true, serialHex: true, subjectDn: true, status: true, notBefore: true, notAfter: true },
    });

    // Structured, not pre-formatted: the page labels the revocation reason and links the other application.
    const warnings: Array<
      | { kind: "duplicateKey"; serialHex: string; subjectDn: string; revocationReason: string | null }
      | { kind: "duplicateSubject"; applicationId: string; applicantEmail: string }
      | { kind: "csrUnreadable" }
    > = [];
    if (app.csrDer) {
      try {
        const csr = parseCsr(new Uint8Array(app.csrDer));
        const same = await ctx.db.certificate.findMany({ where: { publicKeySha256: csr.spkiSha256, OR: [{ applicationId: null }, { applicationId: { not: app.id } }] }, select: { serialHex: true, subjectDn: true, revocationReason: true }, take: 5 });
        for (const c of same) warnings.push({ kind: "duplicateKey", serialHex: c.serialHex, subjectDn: c.subjectDn, revocationReason: c.revocationReason });
      } catch {
        warnings.push({ kind: "csrUnreadable" });
      }
    }
    const subjectKey = canonicalJson(app.subjectDetails);
    const open = await ctx.db.application.findMany({
      where: { id: { not: app.id }, subjectType: app.subjectType, status: { in: ["SUBMITTED", "NEEDS_INFO", "APPROVED"] } },
      select: { id: true, subjectDetails: true, applicant: { select: { email: true } } },
      take: 500,
    });
    for (const o of open) {
      if (canonicalJson(o.subjectDetails) === subjectKey) warnings.push({ kind: "duplicateSubject", applicationId: o.id, applicantEmail: o.applicant.email });
    }
    return {
      applicant: app.applicant,
      applicantId: app.applicantId,
      officer,
      subjectType: app.subjectType,
      keyGeneration: app.keyGeneration,
      payment: app.paymentRecordedAt ? { reference: app.paymentReference, recordedAt: app.paymentRecordedAt } : null,
      identity: app.subscriberIdentity,
      earlierApplications,
      certificates,
      warnings,
    };
  },
});
