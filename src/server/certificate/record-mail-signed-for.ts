import { z } from "zod";
import { certificateParties, isRaOfficer, requireNotPartyToCase } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { lockCertificate } from "@/server/shared";
import { recordReceipt, windowSummary } from "./record-receipt";

export const recordMailSignedForInput = z.object({
  certificateId: z.string().uuid(),
  /** The signed-for time from the carrier's proof of delivery (clause 1.7: this is the receipt). */
  signedForAt: z.coerce.date(),
});

/** An RA officer enters the carrier's signed-for time of a mailed certificate. */
export const recordMailSignedFor = defineUseCase({
  name: "certificate.record-mail-signed-for",
  input: recordMailSignedForInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const cert = await lockCertificate(s.tx, input.certificateId);
    // Separation of duties: no officer records the delivery of their own (or their organisation's) certificate.
    await requireNotPartyToCase(s, certificateParties(cert), { decision: "certificate.record-mail-signed-for", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    if (cert.deliveryMethod !== "MAIL" || !cert.deliveredAt) throw domainError("INVALID_STATE_TRANSITION", { from: "NOT_MAILED", action: "RECORD_SIGNED_FOR" });
    if (input.signedForAt.getTime() < cert.deliveredAt.getTime()) throw domainError("RECEIPT_TIME_INVALID");
    const window = await recordReceipt(s.tx, cert, { receiptAt: input.signedForAt, now: s.now, method: "MAIL", recordedById: s.actor!.userId });
    s.audit({
      action: "certificate.received-by-mail",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: { trackingNo: cert.mailTrackingNo, signedForAt: input.signedForAt.toISOString(), ...windowSummary(window) },
    });
    return { receiptAt: input.signedForAt, ...window };
  },
});
