import { z } from "zod";
import { defineQuery } from "@/server/core/use-case";

/** The mails the portal sent or will send to the signed-in person (the outbox), newest first. */
export const listMyNotifications = defineQuery({
  name: "portal.notification.list-mine",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    return ctx.db.notification.findMany({
      where: { userId: ctx.actor!.userId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, template: true, status: true, createdAt: true, sentAt: true },
    });
  },
});
