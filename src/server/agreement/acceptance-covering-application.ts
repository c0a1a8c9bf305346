import type { ApplicationKind, PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";
import { AGREEMENT_CONTEXT_FOR_KIND } from "@/server/shared";
import { findCurrentAgreementVersion } from "./current-agreement";

/**
 * The acceptance a certificate's contract rests on: the one the submission of its application
 * required (requireAcceptedAgreement at submittedAt): the applicant's, for the application's
 * organisation, in the context of its kind (apply, renew, update), of the version in force then,
 * made before then; the latest such. An acceptance superseded afterwards (a newer version
 * accepted later) still covered this application. Null when none is recorded (an application
 * made before acceptances were kept, or a row written by hand).
 */
export async function acceptanceCoveringApplication(
  db: Tx | PrismaClient,
  app: { applicantId: string; organisationId: string | null; kind: ApplicationKind; submittedAt: Date | null; createdAt: Date },
): Promise<string | null> {
  const at = app.submittedAt ?? app.createdAt;
  const version = await findCurrentAgreementVersion(db, at);
  if (!version) return null;
  const acceptance = await db.agreementAcceptance.findFirst({
    where: { userId: app.applicantId, onBehalfOfOrganisationId: app.organisationId, context: AGREEMENT_CONTEXT_FOR_KIND[app.kind], versionId: version.id, acceptedAt: { lte: at } },
    orderBy: { acceptedAt: "desc" },
    select: { id: true },
  });
  return acceptance?.id ?? null;
}
