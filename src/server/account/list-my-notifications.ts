import { z } from "zod";
import { defineQuery } from "@/server/core";
import { createMailRenderer } from "@/server/mail";

// The subject line needs no link, so no portal URL: only `{link}` would use it.
const render = createMailRenderer("");

/**
 * The mails the portal sent or will send to the signed-in person (the outbox), newest first, each
 * with its subject as the mail renderer writes it, in the language the reader reads the page in
 * (not necessarily the one the mail went out in). A template with no text gives `subject: null`.
 */
export const listMyNotifications = defineQuery({
  name: "portal.notification.list-mine",
  input: z.object({ locale: z.enum(["zh-CN", "en"]).default("zh-CN") }),
  authorize: "signed-in",
  async run(ctx, input) {
    const rows = await ctx.db.notification.findMany({
      where: { userId: ctx.actor!.userId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: { id: true, template: true, payload: true, status: true, createdAt: true, sentAt: true },
    });
    return rows.map(({ payload, ...n }) => {
      let subject: string | null = null;
      try {
        subject = render({ template: n.template, locale: input.locale, payload }).subject;
      } catch {
        subject = null;
      }
      return { ...n, subject };
    });
  },
});
