import { z } from "zod";
import { defineQuery } from "@/server/core";

export const listMyAcceptancesInput = z.object({}).strict();

/**
 * Every agreement acceptance the signed-in person made (for themselves or for an organisation,
 * online or recorded from paper), newest first, with whether a later one took its place: what
 * the "my data" page lists, each with its signed receipt (getAcceptanceReceipt).
 */
export const listMyAcceptances = defineQuery({
  name: "agreement.list-mine",
  input: listMyAcceptancesInput,
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.agreementAcceptance.findMany({
      where: { userId: ctx.actor!.userId },
      orderBy: [{ acceptedAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        acceptedAt: true,
        context: true,
        method: true,
        supersededAt: true,
        version: { select: { version: true } },
        onBehalfOf: { select: { name: true } },
      },
    });
    return rows.map((r) => ({
      acceptanceId: r.id,
      acceptedAt: r.acceptedAt,
      context: r.context,
      method: r.method,
      agreementVersion: r.version.version,
      organisationName: r.onBehalfOf?.name ?? null,
      supersededAt: r.supersededAt,
    }));
  },
});
