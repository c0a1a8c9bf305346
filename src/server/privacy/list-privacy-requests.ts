import { z } from "zod";
import { mayReadPrivacyRegister } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listPrivacyRequestsInput = z.object({
  kind: z.enum(["EXPORT", "DELETION"]).optional(),
  status: z.enum(["RECEIVED", "IN_PROGRESS", "COMPLETED", "REJECTED"]).optional(),
  take: z.number().int().min(1).max(500).default(100),
});

/** Administrators and auditors oversee privacy requests: who asked, when, and where each stands. */
export const listPrivacyRequests = defineQuery({
  name: "privacy.list-requests",
  input: listPrivacyRequestsInput,
  authorize: mayReadPrivacyRegister,
  async run(ctx, input) {
    const rows = await ctx.db.privacyRequest.findMany({
      where: { kind: input.kind, status: input.status },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      take: input.take,
      select: {
        id: true, userId: true, kind: true, status: true, requestedAt: true, completedAt: true, outcome: true,
        user: { select: { email: true, anonymisedAt: true } },
      },
    });
    // After the sweep the address is a placeholder: say it is gone instead of showing it.
    return rows.map(({ user, ...r }) => ({ ...r, requester: user.anonymisedAt ? null : user.email }));
  },
});
