import { z } from "zod";
import { isRaOfficer, officerApplicationFilter, officerRegistrationAuthority } from "@/server/auth";
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
    // The RA scope the review use cases apply (auth/application-review-access.ts).
    const officerRa = await officerRegistrationAuthority(ctx.db, ctx.actor!);
    return ctx.db.application.findMany({
      where: { status: input.status, ...officerApplicationFilter(officerRa) },
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
