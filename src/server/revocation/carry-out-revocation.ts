import { z } from "zod";
import { allowedRevocationRequestActions, slaOutcome } from "@/domain/revocation";
import { isRaOfficer, certificateParties, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { loadRequestLocked } from "./internal/load-request";
import { publishStatusAfterCommit } from "@/server/ca-service";
import { requestView } from "./internal/request-view";
import { revokeCertificate } from "./revoke-certificate";
import { notifySubscriber } from "./internal/subscriber-recipients";

export const carryOutRevocationInput = z.object({
  requestId: z.string().uuid(),
  /** When the key is known or suspected to have been compromised (RFC 5280 invalidityDate), if established. */
  invalidityDate: z.coerce.date().optional(),
});

/**
 * An RA officer carries out a compliant revocation request: the Revocation row (one per
 * certificate), the certificate revoked with the request's reason, the request done. Doing it
 * twice, or two officers at once, gives one revocation: the second finds it and returns it
 * (alreadyDone). A suspended certificate is revoked the same way (hold -> revoke).
 */
export const carryOutRevocation = defineUseCase({
  name: "revocation.carry-out",
  input: carryOutRevocationInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const actor = s.actor!;
    const { request, cert } = await loadRequestLocked(s.tx, input.requestId);
    // Separation of duties: not the requester, the subscriber, nor a member or agent of its organisation.
    await requireNotPartyToCase(s, certificateParties(cert, request.requestedById), {
      decision: "revocation.carry-out",
      subjectType: "RevocationRequest",
      subjectId: request.id,
      onBehalfOfId: request.onBehalfOfOrganisationId,
    });
    const allowed = allowedRevocationRequestActions(request).carryOut;
    if (!allowed.ok && allowed.reason === "INVALID_STATE_TRANSITION") throw domainError("INVALID_STATE_TRANSITION", { from: request.kind, action: "REVOKE" });
    if (!allowed.ok && allowed.reason !== "REVOCATION_REQUEST_DONE") throw domainError(allowed.reason);

    if (!allowed.ok) {
      // Already carried out (by this request or by another revocation of the certificate): the same answer again.
      const existing = await s.tx.revocation.findUnique({ where: { certificateId: cert.id } });
      s.audit({
        action: "revocation.carry-out-repeated",
        subjectType: "RevocationRequest",
        subjectId: request.id,
        summary: { certificateId: cert.id, revocationId: existing?.id ?? null },
      });
      return { request: requestView(request, s.now), revocationId: existing?.id ?? null, alreadyDone: true, publishCertificateIds: [] as string[] };
    }

    const result = await revokeCertificate(s.tx, {
      certificateId: cert.id,
      reason: request.reasonCode,
      at: s.now,
      invalidityDate: input.invalidityDate ?? null,
      revokedById: actor.userId,
      requestId: request.id,
      keyCompromise: { source: "SUBSCRIBER_REQUEST", evidence: s },
    });
    const updated = await s.tx.revocationRequest.update({ where: { id: request.id }, data: { status: "DONE", doneAt: s.now } });
    await notifySubscriber(s, {
      cert,
      requestedById: request.requestedById,
      template: "revocation.revoked",
      eventKey: request.id,
      payload: { requestId: request.id, reason: request.reasonCode, revokedAt: result.revocation.revokedAt.toISOString() },
    });
    s.audit({
      action: "revocation.revoked",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: request.onBehalfOfOrganisationId,
      summary: {
        requestId: request.id,
        revocationId: result.revocation.id,
        serialHex: cert.serialHex,
        reason: request.reasonCode,
        revokedAt: result.revocation.revokedAt.toISOString(),
        invalidityDate: result.revocation.invalidityDate?.toISOString() ?? null,
        wasSuspended: cert.holdAt !== null,
        alreadyRevoked: result.alreadyRevoked,
        dueAt: request.dueAt?.toISOString() ?? null,
        sla: request.dueAt ? slaOutcome(request.dueAt, s.now) : null,
        settledRequestIds: result.settledRequestIds,
        cascadedCertificateIds: result.cascade.certificateIds,
      },
    });
    return {
      request: requestView(updated, s.now),
      revocationId: result.revocation.id,
      alreadyDone: result.alreadyRevoked,
      publishCertificateIds: [...(result.alreadyRevoked ? [] : [cert.id]), ...result.cascade.certificateIds],
    };
  },
  // After the commit: the new status reaches OCSP and the CRL within the request.
  afterCommit: publishStatusAfterCommit,
});
