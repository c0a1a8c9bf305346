import { z } from "zod";
import { parseCsr } from "@/ca/issuance/parse-csr";
import { isRaOfficer, officerApplicationAnswer, officerRegistrationAuthority, withinOfficerRa } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { findPossibleDuplicates, subjectHistory, type SubjectFacts } from "./internal/subject-lookups";

export type { DuplicateMatch, PossibleDuplicate, SubjectApplication, SubjectCertificate, SubjectHistory } from "./internal/subject-lookups";

export const applicationReviewInput = z.object({ applicationId: z.string().uuid() });

/**
 * What an officer weighs beside the application itself (getApplication gives that):
 * `duplicates`, other open applications and certificates of the same identity number (normalised:
 * "110101 19900307 001１" is 110101199003070011, whatever the name's spelling) or the same key,
 * across every account and RA, each with why it matched; `history`, the subject's earlier
 * applications and certificates across accounts, newest 20 of each with a count of the rest.
 * Both rest on the indexed Application.identityKey / publicKeySha256 (ra/internal/subject-lookups.ts).
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
        id: true, applicantId: true, organisationId: true, registrationAuthorityId: true, subjectType: true, csrDer: true, keyGeneration: true,
        identityKey: true, publicKeySha256: true, replacesCertificateId: true,
        paymentReference: true, paymentRecordedAt: true,
        applicant: { select: { email: true, displayName: true, locale: true } },
        // What the officer compares with the identity document: the name and number the certificate will rest on.
        subscriberIdentity: { select: { legalName: true, idDocumentType: true, idDocumentNumber: true, verifiedAt: true, anonymisedAt: true } },
        // The organisation's name, for an organisation's duplicates under another name.
        organisation: { select: { name: true, anonymisedAt: true } },
      },
    });
    if (!app) return null;
    const actor = ctx.actor!;
    const officerRaId = await officerRegistrationAuthority(ctx.db, actor);
    if (!withinOfficerRa(officerRaId, app)) return null;
    const officer = await officerApplicationAnswer(ctx.db, actor, app, ctx.now);

    // The key hash is stored when the CSR is attached; a CSR the migration could not read is read here once more.
    const warnings: Array<{ kind: "csrUnreadable" }> = [];
    let publicKeySha256 = app.publicKeySha256;
    if (app.csrDer && !publicKeySha256) {
      try {
        publicKeySha256 = parseCsr(new Uint8Array(app.csrDer)).spkiSha256;
      } catch {
        warnings.push({ kind: "csrUnreadable" });
      }
    }
    const facts: SubjectFacts = {
      applicationId: app.id, applicantId: app.applicantId, organisationId: app.organisationId,
      identityKey: app.identityKey, publicKeySha256, replacesCertificateId: app.replacesCertificateId, officerRaId,
      subjectName: app.organisation ? (app.organisation.anonymisedAt ? null : app.organisation.name) : app.subscriberIdentity && !app.subscriberIdentity.anonymisedAt ? app.subscriberIdentity.legalName : null,
    };
    const [duplicates, history] = await Promise.all([findPossibleDuplicates(ctx.db, facts, ctx.now), subjectHistory(ctx.db, facts)]);
    return {
      applicant: app.applicant,
      applicantId: app.applicantId,
      officer,
      subjectType: app.subjectType,
      keyGeneration: app.keyGeneration,
      payment: app.paymentRecordedAt ? { reference: app.paymentReference, recordedAt: app.paymentRecordedAt } : null,
      identity: app.subscriberIdentity,
      /** Whether the subject could be matched by number at all (an erased identity cannot). */
      identityMatched: app.identityKey !== null,
      duplicates,
      history,
      warnings,
    };
  },
});
