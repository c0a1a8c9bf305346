import { z } from "zod";
import { mayReadPrivacyRegister } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listDisclosuresInput = z.object({
  processorId: z.string().uuid().optional(),
  subjectUserId: z.string().uuid().optional(),
  take: z.number().int().min(1).max(500).default(100),
});

/**
 * Disclosures, newest first: what, to whom, why, when, recorded by whom, and whose data (the
 * address, or that it has been erased: after the retention sweep the address is a placeholder).
 */
export const listDisclosures = defineQuery({
  name: "privacy.list-disclosures",
  input: listDisclosuresInput,
  authorize: mayReadPrivacyRegister,
  async run(ctx, input) {
    const rows = await ctx.db.disclosure.findMany({
      where: { processorId: input.processorId, subjectUserId: input.subjectUserId },
      orderBy: [{ at: "desc" }, { id: "asc" }],
      take: input.take,
      include: {
        processor: { select: { name: true } },
        subjectUser: { select: { email: true, anonymisedAt: true } },
        recordedBy: { select: { email: true } },
      },
    });
    return rows.map((d) => ({
      ...d,
      subject: d.subjectUser ? (d.subjectUser.anonymisedAt ? { erased: true as const } : { email: d.subjectUser.email }) : null,
    }));
  },
});
