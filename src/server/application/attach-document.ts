import { z } from "zod";
import { defineUseCase } from "@/server/core";
import { DOCUMENT_KINDS, storeDocument, uploadedFileSchema } from "@/server/document";
import { loadApplicationAsApplicant } from "./application-access";
import { requireEditable, updateApplicationIfUnchanged } from "./application-status";

export const attachDocumentInput = z.object({
  applicationId: z.string().uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  file: uploadedFileSchema,
});

/**
 * Adds a supporting document (ID card scan, business licence...) to a draft or to an application
 * sent back for more information. The file is checked and encrypted and written in the same
 * transaction as the application's version bump, so a concurrent submit either sees it or fails.
 */
export const attachDocument = defineUseCase({
  name: "application.attach-document",
  input: attachDocumentInput,
  authorize: "signed-in",
  async run(s, input) {
    const { application } = await loadApplicationAsApplicant(s.tx, s.actor!, input.applicationId, s.now);
    requireEditable(application, "ATTACH_DOCUMENT");
    const doc = await storeDocument(s.tx, {
      ownerUserId: application.applicantId,
      kind: input.kind,
      file: input.file,
      applicationId: application.id,
      now: s.now,
    });
    await updateApplicationIfUnchanged(s.tx, application, {});
    s.audit({
      action: "application.document-attached",
      subjectType: "Application",
      subjectId: application.id,
      onBehalfOfId: application.organisationId,
      summary: { documentId: doc.id, kind: doc.kind, type: doc.sniffedType, size: doc.size, sha256: doc.sha256 },
    });
    return doc;
  },
});
