import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { certificateFacts, lockCertificate } from "@/server/shared";
import { domainError, defineUseCase } from "@/server/core";
import { requireHolder } from "@/server/auth";
import { requestView } from "./internal/request-view";

export const requestHoldReleaseInput = z.object({
  certificateId: z.string().uuid(),
  /** How the key was found again. */
  note: z.string().trim().min(1).max(2000),
});

/**
 * The lost key was found: the subscriber (or the organisation's administrator or REVOKE agent)
 * asks for the suspension to be lifted. It takes effect only when an RA officer has confirmed
 * the requester's identity (confirmRevocationRequest). A signature with the certificate's key is
 * deliberately NOT enough here: whoever found or stole the key can make that signature.
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
    if (!check.ok) throw domainError(check.code, { from: check.status });
    const open = await s.tx.revocationRequest.findFirst({
      where: { certificateId: cert.id, kind: "HOLD_RELEASE", status: { in: ["RECEIVED", "COMPLIANT"] } },
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
      summary: { certificateId: cert.id, serialHex: cert.serialHex },
    });
    return requestView(request, s.now);
  },
});
