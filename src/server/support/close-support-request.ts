import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { defineUseCase } from "@/server/core";
import { mailRequester } from "./internal/desk-mail";
import { enforce, supportRequestFor } from "./internal/support-access";

export const closeSupportRequestInput = z.object({ requestId: z.string().uuid() });

/**
 * The requester or the desk closes a request; closing twice is refused, not repeated. The desk
 * closing it mails the requester, who can still answer (and so reopen it) from the thread.
 */
export const closeSupportRequest = defineUseCase({
  name: "support.close",
  input: closeSupportRequestInput,
  authorize: "signed-in",
  async run(s, input) {
    const request = await supportRequestFor(s.tx, input.requestId, s.actor!, { lock: true });
    enforce(allowedSupportRequestActions(request, request.reader).close);
    await s.tx.supportRequest.update({ where: { id: request.id }, data: { status: "CLOSED", closedAt: s.now, awaitingStaffSince: null } });
    const by = request.reader.side === "staff" ? "staff" : "requester";
    if (by === "staff") await mailRequester(s, request, { template: "support.closed", dedupeKey: `support-closed:${request.id}:${s.now.toISOString()}` });
    s.audit({ action: "support.closed", subjectType: "SupportRequest", subjectId: request.id, summary: { by } });
    return { requestId: request.id, closedAt: s.now };
  },
});
