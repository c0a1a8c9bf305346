import { z } from "zod";
import { allowedApplicationActions, applicationEventsFrom } from "@/domain/application";
import { isRaOfficer, officerRegistrationAuthority, withinOfficerRa } from "@/server/auth";
import { domainError, isDomainError, defineQuery } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { serverKeyStep } from "./internal/server-key-step";

export const getApplicationInput = z.object({ applicationId: z.string().uuid() });

/**
 * One application with its documents' metadata (never their bytes) and the events possible now,
 * for the applicant side and for RA officers; serverKeyStep / serverKeyReady say whether the
 * applicant may give the PKCS#12 password now (server-key-step.ts); `can` what the pages may offer,
 * with the reason for each no (the rule the use cases enforce).
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
          profile: { select: { code: true, nameZh: true, nameEn: true, usageScope: true } },
          organisation: { select: { id: true, name: true, unifiedSocialCreditCode: true } },
          registrationAuthority: { select: { id: true, name: true, status: true } },
          certificate: { select: { id: true } },
          documents: { select: { id: true, kind: true, fileName: true, sniffedType: true, size: true, sha256: true, createdAt: true, erasedAt: true }, orderBy: { createdAt: "asc" } },
        },
        omit: { csrDer: true },
      });
    });
    if (!found) throw domainError("NOT_FOUND");
    const { certificate, ...app } = found;
    const step = serverKeyStep({ ...app, hasCertificate: certificate !== null });
    const can = allowedApplicationActions({ status: app.status, feeStatus: app.feeStatus, keyGeneration: app.keyGeneration, hasCertificate: certificate !== null });
    return { ...app, possibleEvents: applicationEventsFrom(found.status), can, serverKeyStep: step, serverKeyReady: step === "READY" };
  },
});
