import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { defineUseCase } from "@/server/core";
import { SUPPORT_BODY_MAX } from "./open-support-request";
import { mailDesk, mailRequester } from "./internal/desk-mail";
import { enforce, supportRequestFor } from "./internal/support-access";

export const replyToSupportRequestInput = z.object({
  requestId: z.string().uuid(),
  body: z.string().trim().min(1).max(SUPPORT_BODY_MAX),
  /** Staff only: a note other staff see and the subscriber does not. */
  internal: z.boolean().default(false),
});

/**
 * Adds a message to the thread. The desk answering marks the request ANSWERED, stops its SLA
 * clock and mails the requester; an internal note changes nothing the requester sees. The
 * requester writing again puts it back in the desk's queue (OPEN, the clock restarting), also
 * when it was closed (it reopens), and mails the officer handling it (or the desk's officers).
 */
export const replyToSupportRequest = defineUseCase({
  name: "support.reply",
  input: replyToSupportRequestInput,
  authorize: "signed-in",
  async run(s, input) {
    const request = await supportRequestFor(s.tx, input.requestId, s.actor!, { lock: true });
    const can = allowedSupportRequestActions(request, request.reader);
    enforce(input.internal ? can.note : can.reply);
    const asStaff = request.reader.side === "staff";
    const message = await s.tx.supportMessage.create({
      data: { requestId: request.id, authorId: s.actor!.userId, body: input.body, internal: input.internal, createdAt: s.now },
    });
    const summary = { messageId: message.id, bodyLength: input.body.length };
    if (input.internal) {
      // Touches nothing the requester sees: not the status, not the clock.
      s.audit({ action: "support.internal-note", subjectType: "SupportRequest", subjectId: request.id, summary: { ...summary, status: request.status } });
      return { messageId: message.id, status: request.status };
    }
    if (asStaff) {
      await s.tx.supportRequest.update({ where: { id: request.id }, data: { status: "ANSWERED", awaitingStaffSince: null } });
      await mailRequester(s, request, { template: "support.answered", dedupeKey: `support-answer:${message.id}` });
      s.audit({ action: "support.answered", subjectType: "SupportRequest", subjectId: request.id, summary: { ...summary, status: "ANSWERED" } });
      return { messageId: message.id, status: "ANSWERED" as const };
    }
    const reopened = request.status === "CLOSED";
    // The clock restarts at the requester's answer unless they were already waiting (then it keeps running).
    const awaitingStaffSince = request.status === "OPEN" && request.awaitingStaffSince ? request.awaitingStaffSince : s.now;
    await s.tx.supportRequest.update({ where: { id: request.id }, data: { status: "OPEN", closedAt: null, awaitingStaffSince } });
    await mailDesk(s, request, { template: "support.desk-answered", messageId: message.id });
    if (reopened) s.audit({ action: "support.reopened", subjectType: "SupportRequest", subjectId: request.id, summary });
    else s.audit({ action: "support.replied", subjectType: "SupportRequest", subjectId: request.id, summary: { ...summary, status: "OPEN" } });
    return { messageId: message.id, status: "OPEN" as const };
  },
});
