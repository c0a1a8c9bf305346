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
 * information). A document added since the last submission was never seen by the RA and is
 * deleted. One the RA already saw is withdrawn instead (withdrawnAt): no longer part of the
 * application, but kept, bytes and all, as the record of what the earlier review was based on,
 * and shown to the officer as removed since the question.
 */
export const removeDocument = defineUseCase({
  name: "application.remove-document",
  input: removeDocumentInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireEditable(application, "REMOVE_DOCUMENT");
    const doc = await s.tx.document.findFirst({
      where: { id: input.documentId, applicationId: application.id, withdrawnAt: null },
      select: { id: true, kind: true, sha256: true, createdAt: true },
    });
    if (!doc) throw domainError("NOT_FOUND");
    const seenByRa = application.submittedAt !== null && doc.createdAt.getTime() <= application.submittedAt.getTime();
    if (seenByRa) await s.tx.document.update({ where: { id: doc.id }, data: { withdrawnAt: s.now } });
    else await s.tx.document.delete({ where: { id: doc.id } });
    await updateApplicationIfUnchanged(s.tx, application, {});
    s.audit({
      action: "application.document-removed",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { documentId: doc.id, kind: doc.kind, sha256: doc.sha256, withdrawn: seenByRa },
    });
    return { documentId: doc.id, withdrawn: seenByRa };
  },
});
