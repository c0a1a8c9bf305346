import { z } from "zod";
import { allowedSupportRequestActions } from "@/domain/support";
import { domainError, defineUseCase } from "@/server/core";
import { supportRequestFor } from "./internal/support-access";

export const closeSupportRequestInput = z.object({ requestId: z.string().uuid() });

/** The subscriber or staff closes a request; closing twice is refused, not repeated. */
export const closeSupportRequest = defineUseCase({
  name: "support.close",
  input: closeSupportRequestInput,
  authorize: "signed-in",
  async run(s, input) {
    const request = await supportRequestFor(s.tx, input.requestId, s.actor!, { lock: true });
    const allowed = allowedSupportRequestActions(request).close;
    if (!allowed.ok) throw domainError(allowed.reason);
    await s.tx.supportRequest.update({ where: { id: request.id }, data: { status: "CLOSED", closedAt: s.now } });
    s.audit({ action: "support.closed", subjectType: "SupportRequest", subjectId: request.id, summary: { by: request.userId === s.actor!.userId ? "requester" : "staff" } });
    return { requestId: request.id, closedAt: s.now };
  },
});
