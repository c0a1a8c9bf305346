/** Default upload limit per file: enough for a 600 dpi colour scan of an A4 page as JPEG or PDF. */
export const DEFAULT_MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

let override: number | null = null;

/** DOCUMENT_MAX_BYTES overrides the default; a value that is not a positive integer is ignored. */
export function maxDocumentBytes(env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (override !== null) return override;
  const n = Number(env.DOCUMENT_MAX_BYTES);
  return Number.isSafeInteger(n) && n > 0 ? n : DEFAULT_MAX_DOCUMENT_BYTES;
}

/** For tests and tools; `null` returns to the configured limit. */
export function setMaxDocumentBytes(bytes: number | null): void {
  override = bytes;
}
