import { RECEIPT_FILES, receiptFile, type ReceiptFileName, type SignedReceiptFiles } from "@/server/ca-service";
import { DomainError } from "@/server/core";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A receipt route's path parameters, checked before anything is read: a malformed id or an
 * unknown file name is NOT_FOUND (404), like a receipt that is not the caller's, never a 400 or 500.
 */
export function receiptPath<K extends string>(params: Record<K, string> & { file: string }, ids: readonly K[]): ReceiptFileName {
  for (const k of ids) if (!UUID.test(params[k])) throw new DomainError("NOT_FOUND");
  if (!(RECEIPT_FILES as readonly string[]).includes(params.file)) throw new DomainError("NOT_FOUND");
  return params.file as ReceiptFileName;
}

/** One file of a signed receipt as an attachment named `<baseName>.<ext>` (chain and TSA certificate keep their names). */
export function receiptDownload(files: SignedReceiptFiles, name: ReceiptFileName, baseName: string): Response {
  const { body, contentType } = receiptFile(files, name);
  const fileName = name.startsWith("receipt.") ? `${baseName}${name.slice("receipt".length)}` : `${baseName}-${name}`;
  return new Response(Uint8Array.from(body), {
    headers: { "content-type": contentType, "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
  });
}
