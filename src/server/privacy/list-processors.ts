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
    return rows.map(({ _count, ...p }) => ({ ...p, disclosures: _count.disclosures }));
  },
});
