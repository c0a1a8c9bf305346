import { z } from "zod";
import { defineQuery } from "@/server/core";
import { requireOrganisationManager } from "@/server/auth";

export const getOrganisationInput = z.object({ organisationId: z.string().uuid() });

/**
 * One organisation with its current members, for those who manage it (its admins, RA officers).
 * Removed members are kept as records but not listed: the page shows who may act now.
 */
export const getOrganisation = defineQuery({
  name: "organisation.get",
  input: getOrganisationInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const actor = ctx.actor!;
    const as = await ctx.db.$transaction((tx) => requireOrganisationManager(tx, { userId: actor.userId, roles: actor.roles, organisationId: input.organisationId }));
    const org = await ctx.db.organisation.findUniqueOrThrow({
      where: { id: input.organisationId },
      select: {
        id: true,
        name: true,
        nameEn: true,
        unifiedSocialCreditCode: true,
        legalRepresentative: true,
        address: true,
        phone: true,
        createdAt: true,
        members: {
          where: { removedAt: null },
          orderBy: { createdAt: "asc" },
          select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, displayName: true } } },
        },
      },
    });
    return { ...org, managedAs: as };
  },
});
