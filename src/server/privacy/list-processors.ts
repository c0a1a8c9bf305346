import { z } from "zod";
import { mayReadPrivacyRegister } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listProcessorsInput = z.object({ includeInactive: z.boolean().default(true) });

/** The register of processors, with how many disclosures each has had. */
export const listProcessors = defineQuery({
  name: "privacy.list-processors",
  input: listProcessorsInput,
  authorize: mayReadPrivacyRegister,
  async run(ctx, input) {
    const rows = await ctx.db.processor.findMany({
      where: input.includeInactive ? {} : { active: true },
      orderBy: { name: "asc" },
      include: { _count: { select: { disclosures: true } } },
    });
    // dataCategories is stored JSON: a page gets the texts in it, nothing else.
    return rows.map(({ _count, dataCategories, ...p }) => ({
      ...p,
      dataCategories: Array.isArray(dataCategories) ? dataCategories.filter((c): c is string => typeof c === "string") : [],
      disclosures: _count.disclosures,
    }));
  },
});
