import { z } from "zod";
import { isSupportStaff } from "@/server/auth";
import { defineQuery } from "@/server/core";

export const listSupportQueueInput = z.object({
  status: z.enum(["OPEN", "ANSWERED", "CLOSED"]).default("OPEN"),
  take: z.number().int().min(1).max(200).default(50),
});

/** Staff's work list: requests in a status, the longest-waiting first. */
export const listSupportQueue = defineQuery({
  name: "support.queue",
  input: listSupportQueueInput,
  authorize: isSupportStaff,
  async run(ctx, input) {
    return ctx.db.supportRequest.findMany({
      where: { status: input.status },
      orderBy: [{ updatedAt: "asc" }, { id: "asc" }],
      take: input.take,
      select: { id: true, userId: true, subject: true, status: true, certificateId: true, createdAt: true, updatedAt: true },
    });
  },
});
