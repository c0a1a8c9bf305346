import type { Application } from "@/generated/prisma/client";
import { type Actor, type Tx, domainError } from "@/server/core";

/**
 * Loads an application for an RA officer's decision. Separation of duties: nobody reviews their
 * own application. An officer attached to an RA reviews that RA's queue only (after a merge, the
 * successor's officers get the moved work); an officer attached to none works for all of them.
 */
export async function loadApplicationForReview(tx: Tx, actor: Actor, applicationId: string): Promise<Application> {
  const application = await tx.application.findUnique({ where: { id: applicationId } });
  if (!application) throw domainError("NOT_FOUND");
  if (application.applicantId === actor.userId) throw domainError("REVIEW_NOT_ALLOWED");
  const officer = await tx.user.findUnique({ where: { id: actor.userId }, select: { registrationAuthorityId: true } });
  if (officer?.registrationAuthorityId && officer.registrationAuthorityId !== application.registrationAuthorityId) {
    throw domainError("REVIEW_NOT_ALLOWED");
  }
  return application;
}
