import { z } from "zod";
import { paymentRecordable, storedPaymentReference } from "@/domain/application";
import { tellApplicantPaymentRecorded, updateApplicationIfUnchanged } from "@/server/application";
import { isRaOfficer, requireOfficerMayDecide } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";

export const PAYMENT_METHODS = ["BANK_TRANSFER", "CARD", "CASH", "ONLINE", "OTHER"] as const;

export const recordPaymentInput = z.object({
  applicationId: z.string().uuid(),
  /** What was received, in cents (分); must equal the fee copied at submission. */
  amountCents: z.number().int().positive(),
  method: z.enum(PAYMENT_METHODS),
  /** The bank or payment-provider reference, or the receipt number. */
  reference: z.string().trim().min(1).max(100),
});

/**
 * An RA officer records that the fee of an application was paid (clause 1.9); issuance waits for
 * it when the fee is not zero. Possible once the application is submitted and until it is issued.
 */
export const recordPayment = defineUseCase({
  name: "ra.record-payment",
  input: recordPaymentInput,
  authorize: isRaOfficer,
  async run(s, input) {
    const application = await s.tx.application.findUnique({ where: { id: input.applicationId } });
    if (!application) throw domainError("NOT_FOUND");
    // Separation of duties: nobody records their own (or their organisation's) fee as paid; and the RA scope of reviews.
    await requireOfficerMayDecide(s, application, "ra.record-payment");
    // The same answer the review page renders its payment form from.
    const allowed = paymentRecordable(application);
    if (!allowed.ok && allowed.reason === "PAYMENT_NOT_DUE") throw domainError("PAYMENT_NOT_DUE");
    if (!allowed.ok) throw domainError("INVALID_STATE_TRANSITION", { from: application.status, action: "RECORD_PAYMENT" });
    if (input.amountCents !== application.feeCents) throw domainError("PAYMENT_AMOUNT_MISMATCH", { field: "amountCents", feeCents: application.feeCents });
    // The schema has one reference column: method and amount are kept in it and, in full, in the audit event.
    await updateApplicationIfUnchanged(s.tx, application, {
      feeStatus: "PAID",
      paymentReference: storedPaymentReference(input),
      paymentRecordedById: s.actor!.userId,
      paymentRecordedAt: s.now,
    });
    // Issue 15: review follows the recorded payment; the applicant is told so, with the expected date.
    await tellApplicantPaymentRecorded(s, application);
    s.audit({
      action: "application.payment-recorded",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { amountCents: input.amountCents, method: input.method, reference: input.reference, feeCents: application.feeCents },
    });
    return { applicationId: application.id, feeStatus: "PAID" as const };
  },
});
