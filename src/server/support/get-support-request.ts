import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { supportDeskOfficers } from "@/server/auth";
import { loadWorkCalendar } from "@/server/calendar";
import { defineQuery } from "@/server/core";
import { deskClock } from "./internal/desk-clock";
import { supportRequestFor } from "./internal/support-access";

export const getSupportRequestInput = z.object({ requestId: z.string().uuid() });

/**
 * The thread as its reader may see it, and `can` for their side of it (domain/support). The
 * requester never sees internal notes (filtered in the query, not in the page), nor the officers'
 * names on messages ("customer service"); they do see who handles the request. The desk also gets
 * the SLA in working days and the officers the request may be assigned to.
 */
export const getSupportRequest = defineQuery({
  name: "support.get",
  input: getSupportRequestInput,
  authorize: "signed-in",
  async run(ctx, input) {
    const request = await supportRequestFor(ctx.db, input.requestId, ctx.actor!);
    const staffView = request.reader.side === "staff";
    const [messages, assignee, requester, certificate] = await Promise.all([
      ctx.db.supportMessage.findMany({
        where: { requestId: request.id, ...(staffView ? {} : { internal: false }) },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        include: { author: { select: { id: true, displayName: true } } },
      }),
      request.assignedToId ? ctx.db.user.findUnique({ where: { id: request.assignedToId }, select: { id: true, displayName: true } }) : null,
      staffView ? ctx.db.user.findUnique({ where: { id: request.userId }, select: { displayName: true, email: true } }) : null,
      request.certificateId ? ctx.db.certificate.findUnique({ where: { id: request.certificateId }, select: { serialHex: true } }) : null,
    ]);
    const desk = staffView
      ? {
          requester: { displayName: requester?.displayName ?? null, email: requester?.email ?? null },
          sla: deskClock(request, ctx.now, await loadWorkCalendar(ctx.db)),
          assignable: (await supportDeskOfficers(ctx.db, request)).map((o) => ({ id: o.id, displayName: o.displayName ?? o.email })),
        }
      : null;
    return {
      id: request.id,
      subject: request.subject,
      status: request.status,
      certificateId: request.certificateId,
      serialHex: certificate?.serialHex ?? null,
      createdAt: request.createdAt,
      closedAt: request.closedAt,
      side: request.reader.side,
      handledBy: assignee ? { id: assignee.id, displayName: assignee.displayName } : null,
      can: allowedSupportRequestActions(request, request.reader),
      desk,
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
