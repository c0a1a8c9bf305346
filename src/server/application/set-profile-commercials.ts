import { z } from "zod";
import { approvedAdminAction } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";

export const setProfileCommercialsInput = z.object({
  code: z.string().min(1).max(64),
  /** The fee in cents (分); applications copy it when submitted, so a change never alters what earlier applicants owe. */
  feeCents: z.number().int().min(0).max(100_000_000),
  /** An inactive profile is not offered to new applications. */
  active: z.boolean(),
});

/** A CA administrator changes a profile's fee or takes it off (or back on) offer (clause 1.9: the published fees). */
export const setProfileCommercials = defineUseCase({
  name: "application.set-profile-commercials",
  input: setProfileCommercialsInput,
  // Dual control: runs only as an approved request (src/server/approval), never on one administrator's word.
  authorize: approvedAdminAction("PROFILE_CHANGE"),
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
