import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { isSupportStaff } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { SUPPORT_BODY_MAX } from "./open-support-request";
import { supportRequestFor } from "./internal/support-access";

export const replyToSupportRequestInput = z.object({
  requestId: z.string().uuid(),
  body: z.string().trim().min(1).max(SUPPORT_BODY_MAX),
  /** Staff only: a note other staff see and the subscriber does not. */
  internal: z.boolean().default(false),
});

/**
 * Adds a message to the thread. Staff answering marks the request ANSWERED and mails the
 * subscriber; the subscriber writing again reopens it. A closed request takes no more messages.
 */
export const replyToSupportRequest = defineUseCase({
  name: "support.reply",
  input: replyToSupportRequestInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const request = await supportRequestFor(s.tx, input.requestId, actor, { lock: true });
    const allowed = allowedSupportRequestActions(request).reply;
    if (!allowed.ok) throw domainError(allowed.reason);
    const asStaff = request.userId !== actor.userId && isSupportStaff(actor);
    if (input.internal && !asStaff) throw domainError("FORBIDDEN");
    const message = await s.tx.supportMessage.create({
      data: { requestId: request.id, authorId: actor.userId, body: input.body, internal: input.internal, createdAt: s.now },
    });
    const status = input.internal ? request.status : asStaff ? "ANSWERED" : "OPEN";
    await s.tx.supportRequest.update({ where: { id: request.id }, data: { status } });
    if (asStaff && !input.internal) {
      const owner = await s.tx.user.findUniqueOrThrow({ where: { id: request.userId }, select: { id: true, email: true, locale: true, anonymisedAt: true } });
      if (!owner.anonymisedAt) {
        await s.notify({
          userId: owner.id,
          toAddress: owner.email,
          locale: owner.locale,
          template: "support.answered",
          payload: { subject: request.subject, path: `/support/${request.id}` },
          dedupeKey: `support-answer:${message.id}`,
        });
      }
    }
    s.audit({
      action: input.internal ? "support.internal-note" : asStaff ? "support.answered" : "support.replied",
      subjectType: "SupportRequest",
      subjectId: request.id,
      summary: { messageId: message.id, status, bodyLength: input.body.length },
    });
    return { messageId: message.id, status };
  },
});
