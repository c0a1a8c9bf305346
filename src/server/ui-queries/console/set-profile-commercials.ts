import { z } from "zod";
import { domainError } from "@/server/core/errors";
import { defineQuery, defineUseCase } from "@/server/core/use-case";
import { isCaAdmin } from "./staff-roles";

export const setProfileCommercialsInput = z.object({
  code: z.string().min(1).max(64),
  /** The fee in cents (分); applications copy it when submitted, so a change never alters what earlier applicants owe. */
  feeCents: z.number().int().min(0).max(100_000_000),
  /** An inactive profile is not offered to new applications. */
  active: z.boolean(),
});

/** A CA administrator changes a profile's fee or takes it off (or back on) offer (clause 1.9: the published fees). */
export const setProfileCommercials = defineUseCase({
  name: "console.set-profile-commercials",
  input: setProfileCommercialsInput,
  authorize: isCaAdmin,
  async run(s, input) {
    const before = await s.tx.certificateProfile.findUnique({ where: { code: input.code }, select: { id: true, feeCents: true, active: true } });
    if (!before) throw domainError("NOT_FOUND");
    await s.tx.certificateProfile.update({ where: { id: before.id }, data: { feeCents: input.feeCents, active: input.active } });
    s.audit({
      action: "profile.commercials-changed",
      subjectType: "CertificateProfile",
      subjectId: before.id,
      summary: { code: input.code, from: { feeCents: before.feeCents, active: before.active }, to: { feeCents: input.feeCents, active: input.active } },
    });
    return { code: input.code, feeCents: input.feeCents, active: input.active };
  },
});

/** Every profile with what the administrator sets (fee, on offer) and what the engine fixes (kind, validity, CA). */
export const listProfilesForAdmin = defineQuery({
  name: "console.list-profiles",
  input: z.object({}),
  authorize: isCaAdmin,
  async run(ctx) {
    return ctx.db.certificateProfile.findMany({
      orderBy: { code: "asc" },
      select: { code: true, nameZh: true, nameEn: true, kind: true, subjectType: true, validityDays: true, usageScope: true, feeCents: true, active: true, issuingCa: { select: { name: true } }, _count: { select: { certificates: true } } },
    });
  },
});
