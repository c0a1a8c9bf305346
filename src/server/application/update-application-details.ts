import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import { domainError, defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { requireEditable, requireOpenedVersion, updateApplicationIfUnchanged } from "./application-status";
import { subjectDetailProblems, subjectDetailsSchema } from "./subject-details";

export const updateApplicationDetailsInput = z.object({
  applicationId: z.string().uuid(),
  /** The version the form was loaded at: an edit over someone else's newer change is refused. */
  version: z.number().int().positive(),
  subjectDetails: subjectDetailsSchema,
});

/** The applicant amends the typed subject fields of a draft, or after the RA asked for more information. */
export const updateApplicationDetails = defineUseCase({
  name: "application.update-details",
  input: updateApplicationDetailsInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireEditable(application, "UPDATE_DETAILS");
    requireOpenedVersion(application, input.version);
    const profile = await s.tx.certificateProfile.findUniqueOrThrow({ where: { id: application.profileId }, select: { code: true } });
    const problems = subjectDetailProblems(profile.code, input.subjectDetails);
    if (Object.keys(problems).length > 0) throw domainError("VALIDATION_FAILED", { issues: problems });
    await updateApplicationIfUnchanged(s.tx, application, { subjectDetails: input.subjectDetails as Prisma.InputJsonValue });
    s.audit({
      action: "application.details-updated",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      // Field names only: the values are personal data, kept in the row (which can be anonymised), not in the log.
      summary: { changedFields: changedFields(application.subjectDetails, input.subjectDetails) },
    });
    return { applicationId: application.id, version: application.version + 1 };
  },
});

function changedFields(before: unknown, after: Record<string, unknown>): string[] {
  const b = (typeof before === "object" && before !== null ? before : {}) as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(b[k]) !== JSON.stringify(after[k])).sort();
}
