import { z } from "zod";
import { isRaOfficer } from "@/server/auth";
import { defineUseCase } from "@/server/core";
import { recordDecision } from "./internal/record-decision";

export const approveApplicationInput = z.object({
  applicationId: z.string().uuid(),
  /** The version the officer reviewed: a decision over a newer amendment is refused. */
  version: z.number().int().positive().optional(),
  note: z.string().trim().max(1000).optional(),
});

/**
 * An RA officer approves a submitted application after checking the documents against the data
 * (clause 2.1: review). The identity it relies on counts as verified from now. Issuance then
 * waits for the fee when there is one (clause 1.9) and for the CSR.
 */
export const approveApplication = defineUseCase({
  name: "ra.approve-application",
  input: approveApplicationInput,
  authorize: isRaOfficer,
  async run(s, input) {
    // A server-made key is issued only once the subscriber sets the PKCS#12 password (clause 1.3), so their mail says so.
    const keyGeneration = (await s.tx.application.findUnique({ where: { id: input.applicationId }, select: { keyGeneration: true } }))?.keyGeneration;
    const { application, to } = await recordDecision(s, {
      applicationId: input.applicationId,
      version: input.version,
      event: "APPROVE",
      reason: input.note ?? null,
      template: keyGeneration === "SERVER_PKCS12" ? "application.approved-server-key" : "application.approved",
    });
    if (application.subscriberIdentityId) {
      await s.tx.subscriberIdentity.updateMany({
        where: { id: application.subscriberIdentityId, verifiedAt: null },
        data: { verifiedAt: s.now, verifiedById: s.actor!.userId },
      });
    }
    s.audit({
      action: "application.approved",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { from: application.status, to, note: input.note ?? null, feeStatus: application.feeStatus, registrationAuthorityId: application.registrationAuthorityId },
    });
    return { applicationId: application.id, status: to, feeStatus: application.feeStatus };
  },
});
