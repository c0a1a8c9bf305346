import { z } from "zod";
import { defineQuery } from "@/server/core";
import { linkTokenField } from "./internal/schemas";
import { hashLinkToken } from "./internal/tokens";

export const getLinkStateInput = z.object({
  /** As it came in the link's query: anything, a malformed one is just "invalid". */
  token: z.string().max(500),
  purpose: z.enum(["RESET_PASSWORD"]),
});

/** What a mailed link can still do: valid (the form may be shown), used, expired (or replaced by a newer link), invalid. */
export type LinkState = "valid" | "used" | "expired" | "invalid";

/**
 * Reads a mailed link's state when its page opens, without using it, so a reused or expired
 * reset link says so before the person types a new password (issue 15). It reveals nothing but
 * the state: not the account, not its address; a disabled account's link is "invalid", like an
 * unknown one. Only resetPassword consumes the link.
 */
export const getLinkState = defineQuery({
  name: "account.get-link-state",
  input: getLinkStateInput,
  authorize: "public",
  async run(ctx, input): Promise<LinkState> {
    const token = linkTokenField.safeParse(input.token);
    if (!token.success) return "invalid";
    const row = await ctx.db.emailToken.findUnique({
      where: { tokenHash: hashLinkToken(token.data) },
      select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { disabledAt: true } } },
    });
    if (!row || row.purpose !== input.purpose || row.user.disabledAt) return "invalid";
    if (row.usedAt) return "used";
    if (row.expiresAt <= ctx.now) return "expired";
    return "valid";
  },
});
