import { z } from "zod";
import { isCaAdmin } from "@/server/auth";
import { defineQuery } from "@/server/core";

/** Every profile with what the administrator sets (fee, on offer), what the engine fixes (kind, validity, CA) and its renewal window. */
export const listProfilesForAdmin = defineQuery({
  name: "console.list-profiles",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    return ctx.db.certificateProfile.findMany({
      orderBy: { code: "asc" },
      select: { code: true, nameZh: true, nameEn: true, kind: true, subjectType: true, validityDays: true, renewalOpensDaysBefore: true, renewalClosesDaysAfter: true, renewalContinuesValidity: true, usageScope: true, feeCents: true, active: true, issuingCa: { select: { name: true } }, _count: { select: { certificates: true } } },
    });
  },
});
