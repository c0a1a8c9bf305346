import { z } from "zod";
import { checkCertificateAction } from "@/domain/certificate";
import { certificateParties, isRaOfficer, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificate, certificateFacts } from "@/server/shared";

export const recordMailDispatchInput = z.object({
  certificateId: z.string().uuid(),
  trackingNo: z.string().trim().min(4).max(64),
});

/** An RA officer records that the certificate medium was mailed; the receipt comes with the signed-for time. */
export const recordMailDispatch = defineUseCase({
  name: "certificate.record-mail-dispatch",
  input: recordMailDispatchInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const cert = await lockCertificate(s.tx, input.certificateId);
    // Separation of duties: no officer records the delivery of their own (or their organisation's) certificate.
    await requireNotPartyToCase(s, certificateParties(cert), { decision: "certificate.record-mail-dispatch", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    const check = checkCertificateAction("RECORD_RECEIPT", certificateFacts(cert), s.now);
    if (!check.ok) throw domainError(check.code, { from: check.status });
    await s.tx.certificate.update({ where: { id: cert.id }, data: { deliveryMethod: "MAIL", deliveredAt: s.now, mailTrackingNo: input.trackingNo } });
    s.audit({
      action: "certificate.mailed",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: { trackingNo: input.trackingNo, dispatchedAt: s.now.toISOString() },
    });
    return { dispatchedAt: s.now };
  },
});
