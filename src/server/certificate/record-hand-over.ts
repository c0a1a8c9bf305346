import { z } from "zod";
import { certificateParties, isRaOfficer, requireNotPartyToCase } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { lockCertificate } from "@/server/shared";
import { recordReceipt, windowSummary } from "./record-receipt";

export const recordHandOverInput = z.object({
  certificateId: z.string().uuid(),
  /** IN_PERSON: the subscriber collected it; AGENT: an authorised agent did (clause 1.7). */
  method: z.enum(["IN_PERSON", "AGENT"]),
  /** When it was handed over; defaults to now. */
  receivedAt: z.coerce.date().optional(),
  /** Who collected it, as checked at the counter (name and ID document), for the record. */
  collectedBy: z.string().min(1).max(200),
});

/** An RA officer records a collection at the counter; the hand-over time is the receipt. */
export const recordHandOver = defineUseCase({
  name: "certificate.record-hand-over",
  input: recordHandOverInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const cert = await lockCertificate(s.tx, input.certificateId);
    // Separation of duties: no officer records the delivery of their own (or their organisation's) certificate.
    await requireNotPartyToCase(s, certificateParties(cert), { decision: "certificate.record-hand-over", subjectType: "Certificate", subjectId: cert.id, onBehalfOfId: cert.subscriberOrganisationId });
    const receiptAt = input.receivedAt ?? s.now;
    const window = await recordReceipt(s.tx, cert, { receiptAt, now: s.now, method: input.method, recordedById: s.actor!.userId });
    s.audit({
      action: "certificate.received-by-hand-over",
      subjectType: "Certificate",
      subjectId: cert.id,
      onBehalfOfId: cert.subscriberOrganisationId,
      summary: { method: input.method, receiptAt: receiptAt.toISOString(), collectedBy: input.collectedBy, ...windowSummary(window) },
    });
    return { receiptAt, ...window };
  },
});
