import { z } from "zod";
import { PROFILES } from "@/ca/issuance/profiles";
import { defineQuery } from "@/server/core/use-case";

/** The certificate types a person can apply for on their own, with the fee and the usage scopes allowed. */
export const listIndividualProfiles = defineQuery({
  name: "portal.profile.list-individual",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.certificateProfile.findMany({
      where: { active: true, subjectType: "INDIVIDUAL" },
      orderBy: { code: "asc" },
      select: { code: true, nameZh: true, nameEn: true, feeCents: true, validityDays: true, usageScope: true },
    });
    return rows.map((r) => ({ ...r, usageScopes: [...(PROFILES[r.code]?.usageScopes ?? ["项目", "系统", "平台"])] }));
  },
});
