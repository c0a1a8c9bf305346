import { z } from "zod";
import { isCustomer, requireHolder } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { mailDesk } from "./internal/desk-mail";

export const SUPPORT_SUBJECT_MAX = 200;
export const SUPPORT_BODY_MAX = 10_000;

export const openSupportRequestInput = z.object({
  subject: z.string().trim().min(1).max(SUPPORT_SUBJECT_MAX),
  body: z.string().trim().min(1).max(SUPPORT_BODY_MAX),
  /** Optional: the certificate the question is about; must be one the requester holds. */
  certificateId: z.string().uuid().optional(),
});

/** Clause 2.4: a subscriber (or agent) asks the CA's customer service, optionally about a certificate. */
export const openSupportRequest = defineUseCase({
  name: "support.open",
  input: openSupportRequestInput,
  authorize: isCustomer,
  async run(s, input) {
    const actor = s.actor!;
    if (input.certificateId) {
      const c = await s.tx.certificate.findUnique({
        where: { id: input.certificateId },
        select: { subscriberUserId: true, subscriberOrganisationId: true },
      });
      if (!c) throw domainError("NOT_FOUND");
      await requireHolder(s.tx, c, actor, "TEST", s.now);
    }
    const request = await s.tx.supportRequest.create({
      data: { userId: actor.userId, subject: input.subject, certificateId: input.certificateId ?? null, createdAt: s.now, status: "OPEN", awaitingStaffSince: s.now },
    });
    const message = await s.tx.supportMessage.create({ data: { requestId: request.id, authorId: actor.userId, body: input.body, createdAt: s.now } });
    // The desk learns of it by mail (the officers whose desk holds it), and its SLA clock starts now.
    await mailDesk(s, request, { template: "support.desk-new", messageId: message.id });
    // Ids and sizes only: the text is personal data and lives in the request, not in the evidence chain.
    s.audit({
      action: "support.opened",
      subjectType: "SupportRequest",
      subjectId: request.id,
      summary: { certificateId: input.certificateId ?? null, bodyLength: input.body.length },
    });
    return { requestId: request.id };
  },
});
