import type { ApplicationKind, PrismaClient } from "@/generated/prisma/client";
import { agreementSubjectOf } from "@/domain/agreement";
import type { Tx } from "@/server/core";
import { findCurrentAgreementVersion } from "./current-agreement";
import { subjectAcceptanceWhere } from "./internal/subject-acceptance";

/**
 * The acceptance a certificate's contract rests on: the one the submission of its application
 * required (requireAcceptedAgreement at submittedAt), under the same one acceptance rule: the
 * subject's (the applicant's own, or the application's organisation's by any of its agents), of
 * the version in force then, made before then, in whatever context; the latest such. An
 * acceptance superseded afterwards (a newer version accepted later) still covered this
 * application. Null when none is recorded (an application made before acceptances were kept, or
 * a row written by hand). `kind` is kept in the argument for callers; the rule does not read it.
 */
export async function acceptanceCoveringApplication(
  db: Tx | PrismaClient,
  app: { applicantId: string; organisationId: string | null; kind: ApplicationKind; submittedAt: Date | null; createdAt: Date },
): Promise<string | null> {
  const at = app.submittedAt ?? app.createdAt;
  const version = await findCurrentAgreementVersion(db, at);
  if (!version) return null;
  const subject = agreementSubjectOf({ userId: app.applicantId, onBehalfOfOrganisationId: app.organisationId });
  const acceptance = await db.agreementAcceptance.findFirst({
    where: { ...subjectAcceptanceWhere(subject), versionId: version.id, acceptedAt: { lte: at } },
    // Same instant (a fixed clock, a double click): the one not yet superseded is the later.
    orderBy: [{ acceptedAt: "desc" }, { supersededAt: { sort: "desc", nulls: "first" } }, { id: "desc" }],
    select: { id: true },
  });
  return acceptance?.id ?? null;
}
