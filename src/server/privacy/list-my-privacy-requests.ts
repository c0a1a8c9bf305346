import { z } from "zod";
import { defineQuery } from "@/server/core";

export const listMyPrivacyRequestsInput = z.object({});

/** The subscriber's own export and deletion requests with their outcomes (what was erased, what is kept until when). */
export const listMyPrivacyRequests = defineQuery({
  name: "privacy.list-mine",
  input: listMyPrivacyRequestsInput,
  authorize: "signed-in",
  async run(ctx) {
    return ctx.db.privacyRequest.findMany({
      where: { userId: ctx.actor!.userId },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      select: { id: true, kind: true, status: true, requestedAt: true, completedAt: true, outcome: true },
    });
  },
});
