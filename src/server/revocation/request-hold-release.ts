import { createHash } from "node:crypto";
import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { OPEN_REQUEST_STATUSES } from "@/domain/revocation";
import { certificateFacts, lockCertificate } from "@/server/shared";
import { domainError, defineUseCase } from "@/server/core";
import { requireHolder } from "@/server/auth";
import { refuseReleaseWhileRevocationOpen } from "./internal/release-hold";
import { requestView } from "./internal/request-view";

export const requestHoldReleaseInput = z.object({
  certificateId: z.string().uuid(),
  /** How the key was found again (the first half of the holder's declaration). */
  note: z.string().trim().max(2000),
  /**
   * The second half: nobody else had or used the key while it was lost. A separate explicit
   * answer (like the application's declarations), so the officer and the audit trail can show
   * that the holder made it; a request without it is refused.
   */
  keyNotShared: z.boolean(),
});

/**
 * The lost key was found: the subscriber (or the organisation's administrator or REVOKE agent)
 * asks for the suspension to be lifted, declaring how the key was found and that nobody else had
 * it. It takes effect only when an RA officer has confirmed the requester's identity
 * (confirmRevocationRequest). A signature with the certificate's key is deliberately NOT enough
 * here: whoever found or stole the key can make that signature.
 */
export const requestHoldRelease = defineUseCase({
  name: "revocation.request-hold-release",
  input: requestHoldReleaseInput,
  authorize: "signed-in",
  async run(s, input) {
    const actor = s.actor!;
    const cert = await lockCertificate(s.tx, input.certificateId);
    const { onBehalfOfOrganisationId } = await requireHolder(s.tx, cert, actor, "HOLD_RELEASE", s.now);
    const check = checkCertificateAction("RELEASE_HOLD", certificateFacts(cert), s.now);
    if (!check.ok) {
      // A revocation is final whatever its reason (keyCompromise above all): say so, not just "revoked".
      if (check.code === "CERT_REVOKED") throw domainError("HOLD_RELEASE_REVOKED", { from: check.status });
      throw domainError(check.code, { from: check.status });
    }
    if (input.note.length === 0 || !input.keyNotShared) throw domainError("HOLD_RELEASE_DECLARATION_REQUIRED", { field: input.note.length === 0 ? "note" : "keyNotShared" });
    await refuseReleaseWhileRevocationOpen(s.tx, cert.id);
    const open = await s.tx.revocationRequest.findFirst({
      where: { certificateId: cert.id, kind: "HOLD_RELEASE", status: { in: [...OPEN_REQUEST_STATUSES] } },
      select: { id: true },
    });
    if (open) throw domainError("REVOCATION_REQUEST_OPEN", { requestId: open.id });
    const request = await s.tx.revocationRequest.create({
      data: {
        certificateId: cert.id,
        requestedById: actor.userId,
        onBehalfOfOrganisationId,
        kind: "HOLD_RELEASE",
        reasonCode: "REMOVE_FROM_CRL",
        status: "RECEIVED",
        receivedAt: s.now,
        note: input.note,
      },
    });
    s.audit({
      action: "revocation.hold-release-requested",
      subjectType: "RevocationRequest",
      subjectId: request.id,
      onBehalfOfId: onBehalfOfOrganisationId,
      // The declaration in the hash-chained trail: the holder's words stay on the request (personal
      // data, erasable); the trail keeps their SHA-256, which proves what was declared and when.
      summary: { certificateId: cert.id, serialHex: cert.serialHex, keyFoundHowSha256: createHash("sha256").update(input.note, "utf8").digest("hex"), keyNotSharedDeclared: true },
    });
    return requestView(request, s.now);
  },
});
