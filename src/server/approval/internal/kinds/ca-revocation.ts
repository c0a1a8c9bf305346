import { certificateParties } from "@/server/auth";
import { domainError } from "@/server/core";
import { revokeByCa, revokeByCaInput } from "@/server/revocation";
import { approvable } from "../approvable";

/** Clause 3: the CA revokes on its own grounds. The approver sees the certificate, its holder and the ground. */
export const caRevocation = approvable({
  kind: "CA_REVOCATION",
  input: revokeByCaInput,
  run: revokeByCa,
  needsCa: true,
  async describe(tx, input) {
    const cert = await tx.certificate.findUnique({ where: { id: input.certificateId }, select: { serialHex: true, subjectDn: true, status: true, notAfter: true } });
    if (!cert) throw domainError("NOT_FOUND");
    return {
      facts: {
        certificateId: input.certificateId,
        serialHex: cert.serialHex,
        subjectDn: cert.subjectDn,
        certificateStatus: cert.status,
        notAfter: cert.notAfter.toISOString(),
        ground: input.ground,
        reason: input.reason ?? null,
        explanation: input.explanation,
      },
    };
  },
  async parties(tx, input) {
    const cert = await tx.certificate.findUnique({ where: { id: input.certificateId }, select: { subscriberUserId: true, subscriberOrganisationId: true } });
    if (!cert) return null;
    return { parties: certificateParties(cert), subject: { subjectType: "Certificate", subjectId: input.certificateId, onBehalfOfId: cert.subscriberOrganisationId } };
  },
});
