import { identityKey } from "@/domain/identity";
import type { SubjectType } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

/**
 * The application's Application.identityKey: a person by the number of the identity the
 * certificate rests on, an organisation by its credit code. The RA's review finds possible
 * duplicates and the subject's history by it (ra/get-application-review.ts). Null for an erased
 * identity or organisation, or an individual application without an identity.
 */
export async function subjectIdentityKey(tx: Tx, args: { subjectType: SubjectType; subscriberIdentityId: string | null; organisationId: string | null }): Promise<string | null> {
  if (args.subjectType === "ORGANISATION") {
    if (!args.organisationId) return null;
    const org = await tx.organisation.findUnique({ where: { id: args.organisationId }, select: { unifiedSocialCreditCode: true, anonymisedAt: true } });
    return org && !org.anonymisedAt ? identityKey({ kind: "ORGANISATION", creditCode: org.unifiedSocialCreditCode }) : null;
  }
  if (!args.subscriberIdentityId) return null;
  const identity = await tx.subscriberIdentity.findUnique({ where: { id: args.subscriberIdentityId }, select: { idDocumentNumber: true, anonymisedAt: true } });
  return identity && !identity.anonymisedAt ? identityKey({ kind: "PERSON", documentNumber: identity.idDocumentNumber }) : null;
}
