import { errorCatalog, type ErrorCode } from "./error-catalog";

/** The only error type use cases throw on purpose. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, details: Record<string, unknown> = {}) {
    super(code);
    this.name = "DomainError";
    this.code = code;
    this.details = details;
  }
}

export function domainError(code: ErrorCode, details?: Record<string, unknown>): DomainError {
  return new DomainError(code, details);
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}

export type Lang = "zh" | "en";

export function errorMessage(code: ErrorCode, lang: Lang, details: Record<string, unknown> = {}): string {
  const template = errorCatalog[code][lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = details[name];
    return typeof v === "string" || typeof v === "number" ? String(v) : whole;
  });
}

/** Details that are safe to return to a client: only these keys ever leave the server. */
const PUBLIC_DETAIL_KEYS = new Set(["issues", "version", "retryAfterSeconds", "from", "action", "field", "rule"]);

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details: Record<string, unknown> };
}

/**
 * Maps any thrown value to an HTTP status and body. Unknown errors become INTERNAL with no
 * detail: the caller logs the original.
 */
export function toHttpError(e: unknown, lang: Lang = "zh"): { status: number; body: ErrorBody } {
  const err = isDomainError(e) ? e : new DomainError("INTERNAL");
  const details = Object.fromEntries(Object.entries(err.details).filter(([k]) => PUBLIC_DETAIL_KEYS.has(k)));
  return {
    status: errorCatalog[err.code].http,
    body: {
      error: {
        code: err.code,
        message: errorMessage(err.code, lang, err.details),
        details,
      },
    },
  };
}
