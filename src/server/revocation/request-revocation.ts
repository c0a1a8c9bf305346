import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { checkRevocationReason, compliantAt, revocationDue } from "@/domain/revocation";
import { certificateFacts, verifySubscriberSignature, lockCertificate } from "@/server/shared";
import { domainError, defineUseCase } from "@/server/core";
import { requireHolder } from "@/server/auth";
import { checkRevocationChallenge } from "./internal/revocation-challenge";
import { requestView } from "./internal/request-view";
import { subscriberReasonSchema } from "./internal/subscriber-reason";
import { notifySubscriber } from "./internal/subscriber-recipients";

export const requestRevocationInput = z.object({
  certificateId: z.string().uuid(),
  reason: subscriberReasonSchema,
  note: z.string().trim().max(2000).optional(),
  /**
   * Proof of control of the key: the challenge from issueRevocationChallenge and the signature
   * over it (base64; ECDSA as DER or r||s). Without it an RA officer confirms the identity.
   */
  keySignature: z.object({ challenge: z.string().min(1).max(4096), signature: z.string().min(1).max(2048) }).optional(),
});

/**
 * Clause 1.4: a written revocation request by the subscriber or their agent. It is compliant
 * (the 24-hour clock starts) when the requester's identity is confirmed: at once when it is
 * signed with the certificate's own key, otherwise when an RA officer confirms it. One open
 * revocation request per certificate: a second one is refused and the first is shown instead.
 */
export const requestRevocation = defineUseCase({
  name: "revocation.request",
  input: requestRevocationInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const cert = await lockCertificate(s.tx, input.certificateId);
    const { onBehalfOfOrganisationId } = await requireHolder(s.tx, cert, actor, "REVOCATION", s.now);
    const check = checkCertificateAction("REVOKE", certificateFacts(cert), s.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });
    const reasonCheck = checkRevocationReason("SUBSCRIBER", input.reason);
    if (!reasonCheck.ok) throw domainError("REVOCATION_REASON_NOT_ALLOWED", { reason: input.reason });

    const open = await s.tx.revocationRequest.findFirst({
      where: { certificateId: cert.id, kind: { in: ["REVOCATION", "CA_INITIATED"] }, status: { in: ["RECEIVED", "COMPLIANT"] } },
      select: { id: true },
    });
    if (open) throw domainError("REVOCATION_REQUEST_OPEN", { requestId: open.id });

    let keySigned = false;
    if (input.keySignature) {
      const binding = { certificateId: cert.id, userId: actor.userId, kind: "REVOCATION" as const, reason: input.reason };
      const refusal = !(await checkRevocationChallenge(s.tx, input.keySignature.challenge, binding, s.now))
        ? "REVOCATION_CHALLENGE_INVALID"
        : !verifySubscriberSignature(cert.der, input.keySignature.challenge, input.keySignature.signature)
          ? "REVOCATION_SIGNATURE_INVALID"
          : null;
      if (refusal) {
        // A proof that fails is evidence of an attempt (a forged signature, a token replayed for
        // another certificate or reason): its audit event is committed, nothing else is written.
        s.audit({ action: "revocation.key-proof-refused", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: onBehalfOfOrganisationId, summary: { serialHex: cert.serialHex, reason: input.reason, refusal } });
        s.rejectAfterCommit(domainError(refusal));
      }
      keySigned = true;
    }
    const compliant = keySigned ? compliantAt({ method: "KEY_SIGNATURE", receivedAt: s.now }) : null;
    const request = await s.tx.revocationRequest.create({
      data: {
        certificateId: cert.id,
        requestedById: actor.userId,
        onBehalfOfOrganisationId,
        kind: "REVOCATION",
        reasonCode: input.reason,
        status: compliant ? "COMPLIANT" : "RECEIVED",
        receivedAt: s.now,
        compliantAt: compliant,
        confirmationMethod: compliant ? "KEY_SIGNATURE" : null,
        dueAt: compliant ? revocationDue(compliant) : null,
        note: input.note ?? null,
      },
    });
    await notifySubscriber(s, {
      cert,
      requestedById: actor.userId,
      template: "revocation.request-received",
      eventKey: request.id,
      payload: { requestId: request.id, receivedAt: request.receivedAt.toISOString(), dueAt: request.dueAt?.toISOString() ?? "" },
    });
    s.audit({
      action: "revocation.requested",
      subjectType: "RevocationRequest",
      subjectId: request.id,
      onBehalfOfId: onBehalfOfOrganisationId,
      summary: {
        certificateId: cert.id,
        serialHex: cert.serialHex,
        reason: input.reason,
        compliant: keySigned,
        confirmationMethod: keySigned ? "KEY_SIGNATURE" : null,
        dueAt: request.dueAt?.toISOString() ?? null,
      },
    });
    return requestView(request, s.now);
  },
});
