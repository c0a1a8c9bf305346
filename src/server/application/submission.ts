import { z } from "zod";
import type { Application } from "@/generated/prisma/client";
import { requireAcceptedAgreement } from "@/server/agreement";
import { type Tx, domainError } from "@/server/core";
import { AGREEMENT_CONTEXT_FOR_KIND } from "@/server/shared";
import { requiredDocumentKinds } from "./internal/required-documents";

/**
 * The declarations of clauses 1.1 and 1.2, each a separate explicit answer: a pre-ticked box or
 * a single "I agree to everything" would not show that the subscriber made each of them.
 */
export const declarationsSchema = z.object({
  /** 1.1: the materials are true, complete and lawful. */
  truthfulCompleteLawful: z.boolean(),
  /** 1.1: the electronic copies match the originals. */
  copiesMatchOriginals: z.boolean(),
  /** 1.2: consent to the use of the materials for electronic signature services. */
  consentToElectronicSignatureUse: z.boolean(),
  /** 1.2: consent to the use of the materials for the certificate query service. */
  consentToCertificateQuery: z.boolean(),
});
export type Declarations = z.infer<typeof declarationsSchema>;

export function requireAllDeclarations(d: Declarations): void {
  const missing = Object.entries(d).filter(([, v]) => v !== true).map(([k]) => k);
  if (missing.length > 0) throw domainError("DECLARATIONS_REQUIRED", { field: missing.join(","), missing });
}

/**
 * Documents a first-time or changed identity must come with (requiredDocumentKinds). Renewals,
 * rekeys and ordered updates rely on what the RA verified before.
 */
export async function requireDocuments(tx: Tx, app: Pick<Application, "id" | "kind" | "subjectType" | "subscriberIdentityId" | "profileId">): Promise<void> {
  if (app.kind !== "NEW" && app.kind !== "CHANGE") return;
  const profile = await tx.certificateProfile.findUniqueOrThrow({ where: { id: app.profileId }, select: { code: true } });
  const identity =
    app.subjectType === "INDIVIDUAL" && app.subscriberIdentityId
      ? await tx.subscriberIdentity.findUnique({ where: { id: app.subscriberIdentityId }, select: { idDocumentType: true } })
      : null;
  const needed = requiredDocumentKinds({ subjectType: app.subjectType, profileCode: profile.code, idDocumentType: identity?.idDocumentType });
  const present = await tx.document.findMany({ where: { applicationId: app.id, erasedAt: null, withdrawnAt: null }, select: { kind: true } });
  const missing = needed.filter((k) => !present.some((p) => p.kind === k));
  if (missing.length > 0) throw domainError("DOCUMENTS_MISSING", { field: missing.join(","), missing });
}

/** The agreement gate at submission: the version in force now, which may be newer than at creation. */
export function requireAgreementFor(tx: Tx, app: Pick<Application, "kind" | "organisationId">, userId: string, now: Date) {
  return requireAcceptedAgreement(tx, { userId, onBehalfOfOrganisationId: app.organisationId, context: AGREEMENT_CONTEXT_FOR_KIND[app.kind], now });
}

/** What is stored with the application: each answer and when it was given. */
export function declarationRecord(d: Declarations, now: Date, by: string, event: "SUBMIT" | "RESUBMIT") {
  return { ...d, declaredAt: now.toISOString(), declaredBy: by, event };
}
