import { z } from "zod";
import { PROFILES } from "@/ca/issuance/profiles";
import { allowedApplicationActions, applicationEventsFrom, changesSinceQuestion } from "@/domain/application";
import { isRaOfficer, officerRegistrationAuthority, withinOfficerRa } from "@/server/auth";
import { domainError, isDomainError, defineQuery } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { requiredDocumentKinds } from "./internal/required-documents";
import { profileNeedsUsageScope } from "./subject-details";
import { serverKeyStep } from "./internal/server-key-step";
import { nextStepsOf } from "./next-steps";
import { paymentInstructions } from "./waiting";

export const getApplicationInput = z.object({ applicationId: z.string().uuid() });

/**
 * One application with its documents' metadata (never their bytes) and the events possible now,
 * for the applicant side and for RA officers; serverKeyStep / serverKeyReady say whether the
 * applicant may give the PKCS#12 password now (server-key-step.ts); `can` what the pages may offer,
 * with the reason for each no (the rule the use cases enforce). `documents` are those that are part
 * of the application now; `withdrawnDocuments` those the applicant removed after the RA saw them.
 * `infoRequest`: the latest round of "more information" (question, answer) and `sinceQuestion`
 * what changed after it (changesSinceQuestion). `editor`: what the applicant's editor needs to
 * know of the profile (documents it requires, usage scope kinds, whether a seal name is typed).
 */
export const getApplication = defineQuery({
  name: "application.get",
  input: getApplicationInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const actor = ctx.actor!;
    const found = await ctx.db.$transaction(async (tx) => {
      try {
        await loadApplicationAsApplicant(tx, actor, input.applicationId, ctx.now);
      } catch (e) {
        if (!(isDomainError(e) && e.code === "NOT_FOUND" && isRaOfficer(actor))) throw e;
        // An officer reads the applications they may review: their RA's (auth/application-review-access.ts).
        const scoped = await tx.application.findUnique({ where: { id: input.applicationId }, select: { registrationAuthorityId: true } });
        if (scoped && !withinOfficerRa(await officerRegistrationAuthority(tx, actor), scoped)) throw domainError("NOT_FOUND");
      }
      return tx.application.findUnique({
        where: { id: input.applicationId },
        include: {
          profile: { select: { code: true, nameZh: true, nameEn: true, usageScope: true, feeCents: true } },
          organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
          registrationAuthority: { select: { id: true, name: true, status: true } },
          certificate: { select: { id: true } },
          documents: { select: { id: true, kind: true, fileName: true, sniffedType: true, size: true, sha256: true, createdAt: true, erasedAt: true, withdrawnAt: true }, orderBy: { createdAt: "asc" } },
          subscriberIdentity: { select: { idDocumentType: true } },
          infoRequests: {
            orderBy: { askedAt: "desc" },
            take: 1,
            select: { id: true, question: true, askedAt: true, detailsAtQuestion: true, answer: true, answeredAt: true },
          },
        },
        omit: { csrDer: true },
      });
    });
    if (!found) throw domainError("NOT_FOUND");
    const { certificate, infoRequests, subscriberIdentity, documents: allDocuments, ...app } = found;
    const step = serverKeyStep({ ...app, hasCertificate: certificate !== null });
    const can = allowedApplicationActions({ status: app.status, feeStatus: app.feeStatus, keyGeneration: app.keyGeneration, hasCertificate: certificate !== null });
    // Whether a certificate request is on file (the bytes stay out of the read model): a draft left before the key step has none.
    const hasCsr = (await ctx.db.application.count({ where: { id: app.id, csrDer: { not: null } } })) > 0;
    const round = infoRequests[0] ?? null;
    // Issue 15: what happens next and who acts; how to pay while a fee is due.
    const next = (await nextStepsOf(ctx.db, ctx.now, [app])).get(app.id) ?? null;
    // Only while a payment can still be recorded (the domain's recordPayment answer): a rejected or
    // withdrawn application keeps feeStatus UNPAID, and its applicant must not be asked to pay.
    const payment = can.recordPayment.ok ? paymentInstructions(app.id) : null;
    const engineProfile = PROFILES[app.profile.code];
    const editor = {
      requiredDocuments: requiredDocumentKinds({ subjectType: app.subjectType, profileCode: app.profile.code, idDocumentType: subscriberIdentity?.idDocumentType }),
      usageScopeKinds: [...(engineProfile?.usageScopes ?? ["项目", "系统", "平台"])],
      needsSealName: engineProfile?.subject.some((f) => f.from === "sealName" && f.required) ?? false,
      needsUsageScope: profileNeedsUsageScope(app.profile.code),
      allowsDepartment: engineProfile?.subject.some((f) => f.from === "department") ?? false,
      /** The key a browser makes for this profile: SM2 for the SM2 family (issue 17), P-256 otherwise. */
      browserKeyAlgorithm: engineProfile?.family === "sm2" ? ("SM2" as const) : ("EC-P256" as const),
    };
    return {
      ...app,
      documents: allDocuments.filter((d) => d.withdrawnAt === null),
      withdrawnDocuments: allDocuments.filter((d) => d.withdrawnAt !== null),
      possibleEvents: applicationEventsFrom(found.status),
      can,
      serverKeyStep: step,
      serverKeyReady: step === "READY",
      infoRequest: round && { id: round.id, question: round.question, askedAt: round.askedAt, answer: round.answer, answeredAt: round.answeredAt },
      sinceQuestion: round && changesSinceQuestion(round, { subjectDetails: app.subjectDetails, documents: allDocuments }),
      editor,
      hasCsr,
      next,
      payment,
    };
  },
});
