import { settings } from "@/config/settings";

/** Default upload limit per file: enough for a 600 dpi colour scan of an A4 page as JPEG or PDF. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

let override: number | null = null;

/** DOCUMENT_MAX_BYTES overrides the default (validated as a positive integer in src/config). */
export function maxDocumentBytes(): number {
  if (override !== null) return override;
  return settings().documents.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
}

/** For tests and tools; `null` returns to the configured limit. */
export function setMaxDocumentBytes(bytes: number | null): void {
  override = bytes;
}
