import { z } from "zod";
import { defineQuery } from "@/server/core/use-case";
import { mayReadRegister } from "./privacy-roles";

export const listProcessorsInput = z.object({ includeInactive: z.boolean().default(true) });

/** The register of processors, with how many disclosures each has had. */
export const listProcessors = defineQuery({
  name: "privacy.list-processors",
  input: listProcessorsInput,
  authorize: mayReadRegister,
  async run(ctx, input) {
    const rows = await ctx.db.processor.findMany({
      where: input.includeInactive ? {} : { active: true },
      orderBy: { name: "asc" },
      include: { _count: { select: { disclosures: true } } },
    });
    return rows.map(({ _count, ...p }) => ({ ...p, disclosures: _count.disclosures }));
  },
});
