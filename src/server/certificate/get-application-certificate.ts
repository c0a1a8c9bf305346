import { z } from "zod";
import { loadApplicationAsApplicant } from "@/server/application";
import { defineQuery } from "@/server/core";

/**
 * The certificate issued for an application, if any, for the applicant's application page (a link
 * to it). Whoever may not see the application gets NOT_FOUND, as from the application query.
 */
export const getApplicationCertificate = defineQuery({
  name: "portal.application.certificate",
  input: z.object({ applicationId: z.string().uuid() }),
  authorize: "signed-in",
  async run(ctx, input) {
    return ctx.db.$transaction(async (tx) => {
      await loadApplicationAsApplicant(tx, ctx.actor!, input.applicationId, ctx.now);
      return tx.certificate.findUnique({ where: { applicationId: input.applicationId }, select: { id: true, serialHex: true, notAfter: true } });
    });
  },
});
