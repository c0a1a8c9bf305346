import { randomUUID } from "node:crypto";
import { type Tx, domainError } from "@/server/core";
import { openDocument, sealDocument } from "./document-crypto";
import { documentKeyRing } from "./document-keys";

/**
 * Copies a stored document onto another application (a change application carries over the
 * documents that still hold): a new row with its own id, the plaintext re-sealed under that id
 * (the id is the ciphertext's additional data, so bytes cannot simply be copied) with the current
 * key, the same name, type, size, SHA-256 and owner (the person whose data it is: their erasure
 * request must reach the copy too, whoever started the change). In the caller's transaction; an erased document is
 * not copied (null is returned), an undecryptable one is refused (DOCUMENT_INTEGRITY).
 */
export async function copyDocument(tx: Tx, args: { documentId: string; applicationId: string; now: Date }): Promise<{ id: string } | null> {
  const d = await tx.document.findUnique({ where: { id: args.documentId } });
  if (!d) throw domainError("NOT_FOUND");
  if (!d.encrypted || !d.iv || !d.tag || d.erasedAt) return null;
  const ring = await documentKeyRing();
  const plaintext = openDocument(ring, d.id, { encrypted: d.encrypted, iv: d.iv, tag: d.tag, keyId: d.keyId });
  const id = randomUUID();
  const sealed = sealDocument(ring, id, plaintext);
  await tx.document.create({
    data: {
      id,
      applicationId: args.applicationId,
      ownerUserId: d.ownerUserId,
      kind: d.kind,
      fileName: d.fileName,
      sniffedType: d.sniffedType,
      size: d.size,
      sha256: d.sha256,
      encrypted: new Uint8Array(sealed.encrypted),
      iv: new Uint8Array(sealed.iv),
      tag: new Uint8Array(sealed.tag),
      keyId: sealed.keyId,
      createdAt: args.now,
    },
  });
  return { id };
}
