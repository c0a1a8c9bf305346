import { z } from "zod";
import { allowedRevocationRequestActions } from "@/domain/revocation";
import { isRaOfficer, certificateParties, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { loadRequestLocked } from "./internal/load-request";
import { requestView } from "./internal/request-view";
import { notifySubscriber } from "./internal/subscriber-recipients";

export const rejectRevocationRequestInput = z.object({
  requestId: z.string().uuid(),
  /** Why: shown to the requester (identity could not be confirmed, the requester may not act for the organisation...). */
  reason: z.string().trim().min(3).max(1000),
});

/**
 * An RA officer rejects a request that is not compliant (the requester's identity could not be
 * confirmed), with the reason. A compliant request cannot be rejected: clause 1.4 obliges the CA
 * to revoke it. doneAt records when the request was closed.
 */
export const rejectRevocationRequest = defineUseCase({
  name: "revocation.reject-request",
  input: rejectRevocationRequestInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const { request, cert } = await loadRequestLocked(s.tx, input.requestId);
    // Separation of duties: not the requester, the subscriber, nor a member or agent of its organisation.
    await requireNotPartyToCase(s, certificateParties(cert, request.requestedById), {
      decision: "revocation.reject-request",
      subjectType: "RevocationRequest",
      subjectId: request.id,
      onBehalfOfId: request.onBehalfOfOrganisationId,
    });
    if (request.kind !== "REVOCATION" && request.kind !== "HOLD_RELEASE") throw domainError("INVALID_STATE_TRANSITION", { from: request.kind, action: "REJECT" });
    const allowed = allowedRevocationRequestActions(request).reject;
    if (!allowed.ok) throw domainError(allowed.reason);
    const updated = await s.tx.revocationRequest.update({
      where: { id: request.id },
      data: { status: "REJECTED", rejectedReason: input.reason, doneAt: s.now },
    });
    await notifySubscriber(s, {
      cert,
      requestedById: request.requestedById,
      template: "revocation.request-rejected",
      eventKey: request.id,
      payload: { requestId: request.id, reason: input.reason },
    });
    s.audit({
      action: "revocation.request-rejected",
      subjectType: "RevocationRequest",
      subjectId: request.id,
      onBehalfOfId: request.onBehalfOfOrganisationId,
      summary: { certificateId: cert.id, kind: request.kind, reason: input.reason },
    });
    return requestView(updated, s.now);
  },
});
