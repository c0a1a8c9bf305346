import { z } from "zod";
import { allowedRevocationRequestActions, compliantAt, revocationDue } from "@/domain/revocation";
import { isRaOfficer, certificateParties, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { loadRequestLocked } from "./internal/load-request";
import { publishStatusAfterCommit } from "@/server/ca-service";
import { releaseHold } from "./internal/release-hold";
import { requestView } from "./internal/request-view";
import { notifySubscriber } from "./internal/subscriber-recipients";

export const confirmRevocationRequestInput = z.object({
  requestId: z.string().uuid(),
  /** How the identity was confirmed (ID card seen at the counter, call-back to the registered phone...): kept as evidence. */
  identityCheck: z.string().trim().min(3).max(1000),
});

/**
 * An RA officer confirms the requester's identity. A revocation request becomes compliant now:
 * its 24-hour clock starts (dueAt = now + 24 h). A hold release is carried out at once: the
 * certificate is valid again and OCSP and the CRL say so right after the commit.
 */
export const confirmRevocationRequest = defineUseCase({
  name: "revocation.confirm-request",
  input: confirmRevocationRequestInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const actor = s.actor!;
    const { request, cert } = await loadRequestLocked(s.tx, input.requestId);
    // Separation of duties: not the requester, the subscriber, nor a member or agent of its organisation.
    await requireNotPartyToCase(s, certificateParties(cert, request.requestedById), {
      decision: "revocation.confirm-request",
      subjectType: "RevocationRequest",
      subjectId: request.id,
      onBehalfOfId: request.onBehalfOfOrganisationId,
    });
    if (request.kind !== "REVOCATION" && request.kind !== "HOLD_RELEASE") throw domainError("INVALID_STATE_TRANSITION", { from: request.kind, action: "CONFIRM" });
    const allowed = allowedRevocationRequestActions(request).confirm;
    if (!allowed.ok) throw domainError(allowed.reason);

    const confirmed = compliantAt({ method: "OFFICER", confirmedAt: s.now });
    let publishCertificateIds: string[] = [];
    let updated;
    if (request.kind === "HOLD_RELEASE") {
      const released = await releaseHold(s.tx, cert, s.now);
      updated = await s.tx.revocationRequest.update({
        where: { id: request.id },
        data: { status: "DONE", compliantAt: confirmed, confirmedById: actor.userId, confirmationMethod: "OFFICER", doneAt: s.now },
      });
      publishCertificateIds = [cert.id];
      await notifySubscriber(s, {
        cert,
        requestedById: request.requestedById,
        template: "revocation.hold-released",
        eventKey: request.id,
        payload: { requestId: request.id, releasedAt: s.now.toISOString() },
      });
      s.audit({
        action: "revocation.hold-released",
        subjectType: "Certificate",
        subjectId: cert.id,
        onBehalfOfId: request.onBehalfOfOrganisationId,
        summary: { requestId: request.id, serialHex: cert.serialHex, heldSince: released.heldSince.toISOString(), status: released.status, identityCheck: input.identityCheck },
      });
    } else {
      updated = await s.tx.revocationRequest.update({
        where: { id: request.id },
        data: { status: "COMPLIANT", compliantAt: confirmed, confirmedById: actor.userId, confirmationMethod: "OFFICER", dueAt: revocationDue(confirmed) },
      });
      await notifySubscriber(s, {
        cert,
        requestedById: request.requestedById,
        template: "revocation.request-compliant",
        eventKey: request.id,
        payload: { requestId: request.id, compliantAt: confirmed.toISOString(), dueAt: updated.dueAt!.toISOString() },
      });
      s.audit({
        action: "revocation.request-confirmed",
        subjectType: "RevocationRequest",
        subjectId: request.id,
        onBehalfOfId: request.onBehalfOfOrganisationId,
        summary: { certificateId: cert.id, compliantAt: confirmed.toISOString(), dueAt: updated.dueAt!.toISOString(), identityCheck: input.identityCheck },
      });
    }
    return { request: requestView(updated, s.now), publishCertificateIds };
  },
  // After the commit: the new status reaches OCSP and the CRL within the request.
  afterCommit: publishStatusAfterCommit,
});
