import type { AgreementSubject } from "@/domain/agreement";
import type { Prisma, PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

/** The acceptances that belong to one subject: a person's own, or any made for the organisation. */
export function subjectAcceptanceWhere(subject: AgreementSubject): Prisma.AgreementAcceptanceWhereInput {
  return subject.kind === "person" ? { userId: subject.userId, onBehalfOfOrganisationId: null } : { onBehalfOfOrganisationId: subject.organisationId };
}

/**
 * The subject's acceptance of the highest version made by `at` (the latest of them), whatever the
 * context it was given in: what the one acceptance rule compares with the version in force.
 */
export async function latestAcceptanceOfSubject(db: Tx | PrismaClient, subject: AgreementSubject, at: Date) {
  return db.agreementAcceptance.findFirst({
    where: { ...subjectAcceptanceWhere(subject), acceptedAt: { lte: at } },
    orderBy: [{ version: { version: "desc" } }, { acceptedAt: "desc" }, { supersededAt: { sort: "desc", nulls: "first" } }, { id: "desc" }],
    select: { id: true, versionId: true, acceptedAt: true, version: { select: { version: true } } },
  });
}

/** The subject's one active acceptance (the partial unique indexes allow at most one), if any. */
export async function activeAcceptanceOfSubject(tx: Tx, subject: AgreementSubject) {
  return tx.agreementAcceptance.findFirst({ where: { ...subjectAcceptanceWhere(subject), supersededAt: null }, select: { id: true, versionId: true, version: { select: { version: true } } } });
}
