import { z } from "zod";
import { defineQuery } from "@/server/core";
import { nextStepsOf } from "./next-steps";

/**
 * The applications the actor made for organisations (as their agent or administrator), newest
 * first, with the organisation's name: the dashboard lists them beside the actor's own, so an
 * agent who applied for an organisation is not told "您还没有提交申请。" (issue 15). Each links to
 * the application's page, which checks the organisation authority again.
 */
export const listMyOrganisationApplications = defineQuery({
  name: "application.list-mine-for-organisations",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const rows = await ctx.db.application.findMany({
      where: { applicantId: ctx.actor!.userId, organisationId: { not: null } },
      orderBy: { createdAt: "desc" },
      take: 100,
      select: {
        id: true,
        kind: true,
        status: true,
        createdAt: true,
        profile: { select: { nameZh: true, nameEn: true } },
        organisation: { select: { id: true, name: true, anonymisedAt: true } },
        // What the next step is decided from (issue 15: the agent who applied waits on it).
        feeStatus: true,
        feeCents: true,
        keyGeneration: true,
        submittedAt: true,
        paymentRecordedAt: true,
      },
    });
    const next = await nextStepsOf(ctx.db, ctx.now, rows);
    return rows.map((a) => ({ ...a, next: next.get(a.id) ?? null }));
  },
});
