import { z } from "zod";
import { isRaOfficer } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listReviewQueueInput = z.object({
  status: z.enum(["SUBMITTED", "NEEDS_INFO", "APPROVED"]).default("SUBMITTED"),
});

/** An officer's queue, oldest submission first: their RA's applications, or all RAs' for an officer attached to none. */
export const listReviewQueue = defineQuery({
  name: "ra.list-review-queue",
  input: listReviewQueueInput,
  authorize: isRaOfficer,
  async run(ctx, input) {
    const officer = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.actor!.userId }, select: { registrationAuthorityId: true } });
    return ctx.db.application.findMany({
      where: { status: input.status, ...(officer.registrationAuthorityId ? { registrationAuthorityId: officer.registrationAuthorityId } : {}) },
      orderBy: [{ submittedAt: "asc" }, { createdAt: "asc" }],
      take: 200,
      select: {
        id: true,
        kind: true,
        status: true,
        subjectType: true,
        feeStatus: true,
        submittedAt: true,
        applicantId: true,
        organisation: { select: { name: true } },
        profile: { select: { code: true, nameZh: true, nameEn: true } },
        registrationAuthority: { select: { id: true, name: true } },
      },
    });
  },
});
