import { z } from "zod";
import { isCustomer, requireHolder } from "@/server/auth";
import { domainError, defineUseCase } from "@/server/core";
import { loadSealImage } from "./seal-pdf/seal-image";

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
    const image = await loadSealImage(s.tx, c.applicationId);
    if (!image) {
      s.audit({ action: "document.seal-image-looked-up", subjectType: "Certificate", subjectId: c.id, onBehalfOfId: c.subscriberOrganisationId, summary: { found: false } });
      return null;
    }
    s.audit({
      action: "document.read",
      subjectType: "Document",
      subjectId: image.documentId,
      onBehalfOfId: c.subscriberOrganisationId,
      summary: { via: "CERTIFICATE_HOLDER_SEAL_TEST", kind: "SEAL_IMAGE", certificateId: c.id, sha256: image.sha256 },
    });
    return { contentType: image.contentType, sha256: image.sha256, base64: image.bytes.toString("base64") };
  },
});
