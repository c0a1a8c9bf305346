import { createHash } from "node:crypto";
import { z } from "zod";
import { isCustomer, requireHolder } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { openDocument, documentKeyRing } from "@/server/document";

/**
 * The seal image (SEAL_IMAGE document) of the application a seal certificate was issued for, for
 * the holder's seal test (clause 1.8 test 3): whoever may test the certificate may see the seal it
 * is bound to. null when none is on file or it is not a PNG/JPEG picture. The read is an audit
 * event like every document read.
 */
export const readSealImage = defineUseCase({
  name: "certificate.read-seal-image",
  input: z.object({ certificateId: z.string().uuid() }),
  authorize: isCustomer,
  async run(s, input) {
    const c = await s.tx.certificate.findUnique({ where: { id: input.certificateId }, select: { id: true, applicationId: true, subscriberUserId: true, subscriberOrganisationId: true } });
    if (!c) throw domainError("NOT_FOUND");
    await requireHolder(s.tx, c, s.actor!, "TEST", s.now);
    const doc = c.applicationId
      ? await s.tx.document.findFirst({ where: { applicationId: c.applicationId, kind: "SEAL_IMAGE", erasedAt: null }, orderBy: { createdAt: "desc" } })
      : null;
    if (!doc || !doc.encrypted || !doc.iv || !doc.tag || !/^image\/(png|jpeg)$/.test(doc.sniffedType)) {
      s.audit({ action: "document.seal-image-looked-up", subjectType: "Certificate", subjectId: c.id, onBehalfOfId: c.subscriberOrganisationId, summary: { found: false } });
      return null;
    }
    const bytes = openDocument(await documentKeyRing(), doc.id, { encrypted: doc.encrypted, iv: doc.iv, tag: doc.tag, keyId: doc.keyId });
    if (createHash("sha256").update(bytes).digest("hex") !== doc.sha256) throw domainError("DOCUMENT_INTEGRITY", { reason: "sha256 mismatch" });
    s.audit({
      action: "document.read",
      subjectType: "Document",
      subjectId: doc.id,
      onBehalfOfId: c.subscriberOrganisationId,
      summary: { via: "CERTIFICATE_HOLDER_SEAL_TEST", kind: doc.kind, certificateId: c.id, sha256: doc.sha256 },
    });
    return { contentType: doc.sniffedType, sha256: doc.sha256, base64: Buffer.from(bytes).toString("base64") };
  },
});
