import { z } from "zod";
import { checkIdDocument, idDocumentSchema } from "@/domain/identity";
import { domainError, defineUseCase } from "@/server/core";
import { requireOrganisationManager } from "@/server/auth";
import { assertNotInCessation } from "@/server/privacy";

export const recordIdentityInput = z.object({
  legalName: z.string().trim().min(1).max(100),
  /** Type and number; the number is checked by its type (resident ID: GB 11643 checksum). */
  idDocument: idDocumentSchema(),
  /** Set when this is the legal representative or certificate holder of an organisation. */
  organisationId: z.string().uuid().optional(),
});

/**
 * Records a natural person's identity as entered (clause 1.1: true and complete). For oneself by
 * default; for an organisation (its legal representative or the holder named in a certificate)
 * by the organisation's admin or an RA officer. It counts as verified once an RA officer approves
 * an application that relies on it.
 */
export const recordIdentity = defineUseCase({
  name: "subscriber.record-identity",
  input: recordIdentityInput,
  authorize: "signed-in",
  async run(s, input) {
    // Clause 6 / cessation mode: no new personal data is collected once the CA is ceasing.
    await assertNotInCessation(s.tx);
    const actor = s.actor!;
    // The schema checks the shape and checksum; only here is the clock known, to refuse a birth date in the future.
    const dated = checkIdDocument(input.idDocument.type, input.idDocument.number, { now: s.now });
    if (!dated.ok) throw domainError("VALIDATION_FAILED", { issues: { "idDocument.number": [dated.code] } });
    if (input.organisationId) {
      await requireOrganisationManager(s.tx, { userId: actor.userId, roles: actor.roles, organisationId: input.organisationId });
    }
    const identity = await s.tx.subscriberIdentity.create({
      data: {
        userId: input.organisationId ? null : actor.userId,
        organisationId: input.organisationId ?? null,
        legalName: input.legalName,
        idDocumentType: input.idDocument.type,
        idDocumentNumber: input.idDocument.number,
        createdAt: s.now,
      },
      select: { id: true, legalName: true, idDocumentType: true },
    });
    s.audit({
      action: "subscriber.identity-recorded",
      subjectType: "SubscriberIdentity",
      subjectId: identity.id,
      onBehalfOfId: input.organisationId ?? null,
      // The number itself stays out of the audit log (personal data; the row holds it and can be anonymised).
      summary: { idDocumentType: identity.idDocumentType, organisationId: input.organisationId ?? null },
    });
    return { identityId: identity.id };
  },
});
