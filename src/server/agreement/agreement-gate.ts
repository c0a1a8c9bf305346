import { z } from "zod";
import { ACCEPTANCE_CONTEXTS } from "@/server/agreement/accept-agreement";
import { requireAcceptedAgreement } from "@/server/agreement/require-accepted-agreement";
import { isDomainError, defineQuery } from "@/server/core";

/**
 * Whether the signed-in person (for an organisation, when given) has accepted the version in force
 * for this kind of action, so a page can show the agreement before the action rather than after a
 * refusal. The use case of the action checks again.
 */
export const agreementGate = defineQuery({
  name: "portal.agreement.gate",
  input: z.object({ context: z.enum(ACCEPTANCE_CONTEXTS), onBehalfOfOrganisationId: z.string().uuid().nullable().optional() }),
  authorize: "signed-in",
  async run(ctx, input) {
    try {
      await ctx.db.$transaction((tx) =>
        requireAcceptedAgreement(tx, { userId: ctx.actor!.userId, onBehalfOfOrganisationId: input.onBehalfOfOrganisationId ?? null, context: input.context, now: ctx.now }),
      );
      return { accepted: true as const };
    } catch (e) {
      if (isDomainError(e) && e.code === "AGREEMENT_NOT_ACCEPTED") return { accepted: false as const };
      throw e;
    }
  },
});
