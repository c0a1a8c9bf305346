import { createHash } from "node:crypto";
import { domainError, type Tx } from "@/server/core";
import { openDocument, documentKeyRing } from "@/server/document";

export interface SealImage {
  documentId: string;
  contentType: "image/png" | "image/jpeg";
  sha256: string;
  bytes: Buffer;
}

/**
 * The newest SEAL_IMAGE document of the certificate's application, decrypted and checked against
 * its stored SHA-256; null when none is on file or it is not a PNG/JPEG picture (what a PDF page
 * can carry). The caller records the read in its audit event.
 */
export async function loadSealImage(tx: Tx, applicationId: string | null): Promise<SealImage | null> {
  const doc = applicationId
    ? await tx.document.findFirst({ where: { applicationId, kind: "SEAL_IMAGE", erasedAt: null }, orderBy: { createdAt: "desc" } })
    : null;
  if (!doc || !doc.encrypted || !doc.iv || !doc.tag || !/^image\/(png|jpeg)$/.test(doc.sniffedType)) return null;
  const bytes = openDocument(await documentKeyRing(), doc.id, { encrypted: doc.encrypted, iv: doc.iv, tag: doc.tag, keyId: doc.keyId });
  if (createHash("sha256").update(bytes).digest("hex") !== doc.sha256) throw domainError("DOCUMENT_INTEGRITY", { reason: "sha256 mismatch" });
  return { documentId: doc.id, contentType: doc.sniffedType as SealImage["contentType"], sha256: doc.sha256, bytes };
}
