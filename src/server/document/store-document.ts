import { createHash, randomUUID } from "node:crypto";
import { z } from "zod";
import type { DocumentKind } from "@/generated/prisma/client";
import { type Tx, domainError } from "@/server/core";
import { sealDocument } from "./document-crypto";
import { documentKeyRing } from "./document-keys";
import { maxDocumentBytes } from "./document-limits";
import { sniffDocumentType } from "./internal/sniff-type";

export const DOCUMENT_KINDS = [
  "ID_FRONT",
  "ID_BACK",
  "BUSINESS_LICENCE",
  "AUTHORISATION_LETTER",
  "SEAL_IMAGE",
  "PAPER_AGREEMENT",
  "OTHER",
] as const satisfies readonly DocumentKind[];

/** An uploaded file as a use case receives it: the name is kept for display only. */
export const uploadedFileSchema = z.object({
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    // Path separators and control characters would only cause trouble when the name is shown or saved.
    .transform((n) => n.replace(/[\\/\u0000-\u001f\u007f]/g, "_")),
  // Any byte array (a Node Buffer included); z.instanceof would narrow it to an ArrayBuffer-backed one.
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "BYTES_REQUIRED" }),
});
export type UploadedFile = z.infer<typeof uploadedFileSchema>;

export interface StoredDocumentSummary {
  id: string;
  kind: DocumentKind;
  fileName: string;
  sniffedType: string;
  size: number;
  sha256: string;
}

/**
 * Checks an upload (size, type by content) and writes it encrypted, in the caller's transaction:
 * a refused file leaves nothing behind, and an accepted one exists only if the change it belongs
 * to commits.
 */
export async function storeDocument(
  tx: Tx,
  args: {
    ownerUserId: string;
    kind: DocumentKind;
    file: UploadedFile;
    applicationId?: string | null;
    agentAuthorisationId?: string | null;
    now: Date;
  },
): Promise<StoredDocumentSummary> {
  const { bytes, fileName } = args.file;
  if (bytes.length === 0) throw domainError("DOCUMENT_EMPTY", { field: "file" });
  const limit = maxDocumentBytes();
  if (bytes.length > limit) {
    throw domainError("DOCUMENT_TOO_LARGE", { field: "file", limitBytes: limit, limitMiB: Math.floor((limit / 1024 / 1024) * 10) / 10 });
  }
  const sniffed = sniffDocumentType(bytes);
  if (!sniffed.ok) throw domainError(sniffed.code, { field: "file" });

  const id = randomUUID();
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const sealed = sealDocument(await documentKeyRing(), id, bytes);
  await tx.document.create({
    data: {
      id,
      applicationId: args.applicationId ?? null,
      agentAuthorisationId: args.agentAuthorisationId ?? null,
      ownerUserId: args.ownerUserId,
      kind: args.kind,
      fileName,
      sniffedType: sniffed.type,
      size: bytes.length,
      sha256,
      encrypted: new Uint8Array(sealed.encrypted),
      iv: new Uint8Array(sealed.iv),
      tag: new Uint8Array(sealed.tag),
      keyId: sealed.keyId,
      createdAt: args.now,
    },
  });
  return { id, kind: args.kind, fileName, sniffedType: sniffed.type, size: bytes.length, sha256 };
}
