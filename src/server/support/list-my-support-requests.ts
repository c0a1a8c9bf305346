import { z } from "zod";
import { defineQuery } from "@/server/core";

export const listMySupportRequestsInput = z.object({});

/** The requester's own requests, newest activity first. */
export const listMySupportRequests = defineQuery({
  name: "support.list-mine",
  input: listMySupportRequestsInput,
  authorize: "signed-in",
  async run(ctx) {
    return ctx.db.supportRequest.findMany({
      where: { userId: ctx.actor!.userId },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      select: { id: true, subject: true, status: true, certificateId: true, createdAt: true, updatedAt: true, closedAt: true },
    });
  },
});
