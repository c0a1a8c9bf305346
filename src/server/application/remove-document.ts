import { z } from "zod";
import { domainError, defineUseCase } from "@/server/core";
import { loadApplicationAsApplicant } from "./application-access";
import { requireEditable, updateApplicationIfUnchanged } from "./application-status";

export const removeDocumentInput = z.object({
  applicationId: z.string().uuid(),
  documentId: z.string().uuid(),
});

/**
 * Removes a document from an application the applicant still holds (draft, or sent back for more
 * information). Only documents added since the last submission may go: what the RA already saw
 * stays, as the record of what the decision was based on.
 */
export const removeDocument = defineUseCase({
  name: "application.remove-document",
  input: removeDocumentInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireEditable(application, "REMOVE_DOCUMENT");
    const doc = await s.tx.document.findFirst({
      where: { id: input.documentId, applicationId: application.id },
      select: { id: true, kind: true, sha256: true, createdAt: true },
    });
    if (!doc) throw domainError("NOT_FOUND");
    if (application.submittedAt && doc.createdAt.getTime() <= application.submittedAt.getTime()) {
      throw domainError("INVALID_STATE_TRANSITION", { from: application.status, action: "REMOVE_SUBMITTED_DOCUMENT" });
    }
    await s.tx.document.delete({ where: { id: doc.id } });
    await updateApplicationIfUnchanged(s.tx, application, {});
    s.audit({
      action: "application.document-removed",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { documentId: doc.id, kind: doc.kind, sha256: doc.sha256 },
    });
    return { documentId: doc.id };
  },
});
