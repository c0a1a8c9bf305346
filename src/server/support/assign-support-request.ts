import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { isSupportStaff, supportDeskOfficers } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { enforce, supportRequestFor } from "./internal/support-access";

export const assignSupportRequestInput = z.object({
  requestId: z.string().uuid(),
  /** The officer to hand it to; omitted: the actor takes it. */
  assigneeId: z.string().uuid().optional(),
});

/**
 * The desk decides who handles a request: an officer takes it, or hands it to another officer
 * whose desk holds it (an RA officer of its RA or of the central office, active; never its
 * requester). Only the handler is mailed about the requester's later answers. A CA administrator
 * may take requests too (they see every one).
 */
export const assignSupportRequest = defineUseCase({
  name: "support.assign",
  input: assignSupportRequestInput,
  authorize: isSupportStaff,
  async run(s, input) {
    const actor = s.actor!;
    const request = await supportRequestFor(s.tx, input.requestId, actor, { lock: true });
    const can = allowedSupportRequestActions(request, request.reader);
    const self = input.assigneeId === undefined || input.assigneeId === actor.userId;
    enforce(self ? can.take : can.assign);
    if (!self) {
      const eligible = await supportDeskOfficers(s.tx, request);
      if (!eligible.some((o) => o.id === input.assigneeId)) throw domainError("SUPPORT_ASSIGNEE_NOT_ALLOWED", { assigneeId: input.assigneeId });
      if (request.assignedToId === input.assigneeId) throw domainError("SUPPORT_ASSIGNEE_NOT_ALLOWED", { assigneeId: input.assigneeId, reason: "already" });
    }
    const assigneeId = self ? actor.userId : input.assigneeId!;
    await s.tx.supportRequest.update({ where: { id: request.id }, data: { assignedToId: assigneeId } });
    s.audit({
      action: "support.assigned",
      subjectType: "SupportRequest",
      subjectId: request.id,
      summary: { assigneeId, previousAssigneeId: request.assignedToId, by: self ? "self" : "other" },
    });
    return { requestId: request.id, assigneeId };
  },
});
