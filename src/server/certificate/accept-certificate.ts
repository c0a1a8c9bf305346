import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { domainError } from "@/server/core/errors";
import { defineUseCase } from "@/server/core/use-case";
import { assertHolder, lockCertificate } from "./certificate-access";
import { certificateFacts } from "./certificate-facts";

export const acceptCertificateInput = z.object({ certificateId: z.string().uuid() });

/** The subscriber accepts the certificate explicitly (clause 1.8), during the window or after an objection was settled. */
export const acceptCertificate = defineUseCase({
  name: "certificate.accept",
  input: acceptCertificateInput,
  authorize: (actor) => actor.roles.includes("SUBSCRIBER") || actor.roles.includes("AGENT"),
  async run(s, input) {
    const cert = await lockCertificate(s.tx, input.certificateId);
    await assertHolder(s.tx, cert, s.actor!, "TEST", s.now);
    const check = checkCertificateAction("ACCEPT", certificateFacts(cert), s.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });
    await s.tx.certificate.update({ where: { id: cert.id }, data: { acceptanceKind: "EXPLICIT", acceptedAt: s.now, status: "ACTIVE" } });
    s.audit({
      action: "certificate.accepted",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: { kind: "EXPLICIT", deadline: cert.testWindowDeadline?.toISOString() ?? null, provisional: cert.testWindowProvisional },
    });
    return { acceptedAt: s.now, kind: "EXPLICIT" as const };
  },
});
