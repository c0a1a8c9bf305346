import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { domainError } from "@/server/core";
import type { DocumentKeyRing } from "./document-keys";

export interface SealedDocument {
  encrypted: Buffer;
  iv: Buffer;
  tag: Buffer;
  keyId: string;
}

/**
 * AES-256-GCM with a fresh 96-bit IV per document. The document id is the additional
 * authenticated data: ciphertext copied onto another row does not decrypt there.
 */
export function sealDocument(ring: DocumentKeyRing, documentId: string, plaintext: Uint8Array): SealedDocument {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, iv);
  cipher.setAAD(Buffer.from(documentId, "utf8"));
  const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { encrypted, iv, tag: cipher.getAuthTag(), keyId: ring.current.id };
}

export function openDocument(ring: DocumentKeyRing, documentId: string, sealed: { encrypted: Uint8Array; iv: Uint8Array; tag: Uint8Array; keyId: string }): Buffer {
  const key = ring.byId.get(sealed.keyId);
  if (!key) throw domainError("DOCUMENT_INTEGRITY", { reason: "unknown key id", keyId: sealed.keyId });
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, sealed.iv);
    decipher.setAAD(Buffer.from(documentId, "utf8"));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.encrypted), decipher.final()]);
  } catch {
    throw domainError("DOCUMENT_INTEGRITY", { reason: "authentication failed" });
  }
}
