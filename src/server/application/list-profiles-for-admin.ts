import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";

/** "EC-P256" -> "EC", "RSA-3072" -> "RSA": the key family the engine picks the issuing CA by. */
const family = (algorithm: string) => algorithm.split("-")[0]!.toUpperCase();

/**
 * Every profile with what the administrator sets (fee, on offer), what the engine fixes (kind,
 * validity, CA) and its renewal window. `issuers`: the CAs that sign its certificates. The engine
 * picks the active issuing CA of the subscriber key's family (an RSA key: the RSA issuing CA), so
 * a profile has one per family it allows, unless it is pinned to one (issuingCa); the page showed
 * "签发 CA —" for every profile because none is pinned (issue 15).
 */
export const listProfilesForAdmin = defineQuery({
  name: "console.list-profiles",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    const [profiles, issuing] = await Promise.all([
      ctx.db.certificateProfile.findMany({
        orderBy: { code: "asc" },
        select: { code: true, nameZh: true, nameEn: true, kind: true, subjectType: true, validityDays: true, renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true, usageScope: true, feeCents: true, active: true, allowedKeyAlgorithms: true, issuingCa: { select: { name: true, algorithm: true } }, _count: { select: { certificates: true } } },
      }),
      ctx.db.issuingCa.findMany({ where: { role: "ISSUING", status: "ACTIVE" }, orderBy: { name: "asc" }, select: { name: true, algorithm: true } }),
    ]);
    return profiles.map(({ allowedKeyAlgorithms, ...p }) => {
      const families = new Set((Array.isArray(allowedKeyAlgorithms) ? allowedKeyAlgorithms : []).map((a) => family(String(a))));
      const issuers = p.issuingCa ? [p.issuingCa] : issuing.filter((ca) => families.has(family(ca.algorithm)));
      return { ...p, issuers };
    });
  },
});
