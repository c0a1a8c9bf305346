import { z } from "zod";
import { defineQuery } from "@/server/core";

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
    return ctx.db.application.findMany({
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
      },
    });
  },
});
