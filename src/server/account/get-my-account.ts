import { z } from "zod";
import { defineQuery, domainError } from "@/server/core";

/** The signed-in user's own account, for the dashboard. */
export const getMyAccount = defineQuery({
  name: "account.get-my-account",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx) {
    const user = await ctx.db.user.findUnique({
      where: { id: ctx.actor!.userId },
      select: { id: true, email: true, displayName: true, roles: true, locale: true, createdAt: true, emailVerifiedAt: true },
    });
    if (!user) throw domainError("NOT_FOUND");
    return user;
  },
});
