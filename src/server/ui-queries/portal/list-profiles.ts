import { z } from "zod";
import { PROFILES } from "@/ca/issuance/profiles";
import { profileAllowsServerKeyGeneration } from "@/server/application/subject-details";
import { defineQuery } from "@/server/core/use-case";

/** The order a person meets the kinds in: signing first (what most apply for), encryption last. */
const KIND_ORDER = ["SIGNATURE", "SEAL", "TLS_CLIENT", "ENCRYPTION"] as const;

/**
 * The certificate types a person can apply for on their own, with the fee, the usage scopes
 * allowed and whether the server may make the key (clause 1.3), ordered by kind, then by code.
 */
export const listIndividualProfiles = defineQuery({
  name: "portal.profile.list-individual",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.certificateProfile.findMany({
      where: { active: true, subjectType: "INDIVIDUAL" },
      orderBy: { code: "asc" },
      select: { code: true, kind: true, nameZh: true, nameEn: true, feeCents: true, validityDays: true, usageScope: true },
    });
    const rank = (kind: string) => {
      const i = (KIND_ORDER as readonly string[]).indexOf(kind);
      return i === -1 ? KIND_ORDER.length : i;
    };
    return rows
      .sort((a, b) => rank(a.kind) - rank(b.kind) || a.code.localeCompare(b.code))
      .map((r) => ({
        ...r,
        usageScopes: [...(PROFILES[r.code]?.usageScopes ?? ["项目", "系统", "平台"])],
        serverKeyGeneration: profileAllowsServerKeyGeneration(r.code),
      }));
  },
});
