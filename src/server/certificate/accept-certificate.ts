import { z } from "zod";
import { isCustomer, requireHolder } from "@/server/auth";
import { supersedePredecessorOnAcceptance } from "@/server/renewal";
import { publishCertificateStatus } from "@/server/ca-service";
import { checkCertificateAction } from "@/domain/certificate";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificate, certificateFacts } from "@/server/shared";
import { tellWaitingParty } from "./internal/waiting-party";

export const acceptCertificateInput = z.object({ certificateId: z.string().uuid() });

/**
 * The subscriber accepts the certificate explicitly (clause 1.8), during the window or after an
 * objection was settled; after the commit, the superseded certificate's new status is published.
 */
export const acceptCertificate = defineUseCase({
  name: "certificate.accept",
  input: acceptCertificateInput,
  authorize: isCustomer,
  async run(s, input) {
    const cert = await lockCertificate(s.tx, input.certificateId);
    await requireHolder(s.tx, cert, s.actor!, "TEST", s.now);
    const check = checkCertificateAction("ACCEPT", certificateFacts(cert), s.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });
    await s.tx.certificate.update({ where: { id: cert.id }, data: { acceptanceKind: "EXPLICIT", acceptedAt: s.now, status: "ACTIVE" } });
    // A renewal/rekey/update/change replacement now takes over: the old certificate is revoked as superseded.
    const superseded = await supersedePredecessorOnAcceptance(s.tx, cert.id, s.now);
    // Issue 15: the last waiting step ends with a mail too (the deemed acceptance has its own).
    await tellWaitingParty(s.tx, s.now, cert, {
      template: "waiting.accepted",
      payload: { certificateId: cert.id, acceptedAt: s.now.toISOString(), path: `/certificates/${cert.id}` },
      dedupeKey: `certificate.accepted:${cert.id}`,
    });
    s.audit({
      action: "certificate.accepted",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: {
        kind: "EXPLICIT",
        deadline: cert.testWindowDeadline?.toISOString() ?? null,
        provisional: cert.testWindowProvisional,
        supersededCertificateId: superseded?.oldCertificateId ?? null,
        supersededRevoked: superseded?.revoked ?? false,
      },
    });
    return { acceptedAt: s.now, kind: "EXPLICIT" as const, superseded };
  },
  async afterCommit(ctx, r) {
    if (r.superseded?.revoked) await publishCertificateStatus(ctx, r.superseded.oldCertificateId);
    return r;
  },
});
