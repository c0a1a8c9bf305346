import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { isSupportStaff } from "@/server/auth";
import { defineQuery } from "@/server/core";
import { supportRequestFor } from "./internal/support-access";

export const getSupportRequestInput = z.object({ requestId: z.string().uuid() });

/** The thread as its reader may see it (the requester never sees staff-internal notes), and `can` (reply, close). */
export const getSupportRequest = defineQuery({
  name: "support.get",
  input: getSupportRequestInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const actor = ctx.actor!;
    const request = await supportRequestFor(ctx.db, input.requestId, actor);
    const staffView = isSupportStaff(actor) && request.userId !== actor.userId;
    const messages = await ctx.db.supportMessage.findMany({
      where: { requestId: request.id, ...(staffView ? {} : { internal: false }) },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { author: { select: { id: true, displayName: true } } },
    });
    return {
      id: request.id,
      subject: request.subject,
      status: request.status,
      certificateId: request.certificateId,
      createdAt: request.createdAt,
      closedAt: request.closedAt,
      can: allowedSupportRequestActions(request),
      messages: messages.map((m) => ({
        id: m.id,
        body: m.body,
        internal: m.internal,
        createdAt: m.createdAt,
        fromRequester: m.authorId === request.userId,
        // The requester sees "customer service", not the officer's name.
        author: staffView || m.authorId === request.userId ? (m.author.displayName ?? null) : null,
      })),
    };
  },
});
