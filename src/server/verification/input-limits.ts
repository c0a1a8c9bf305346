import { z } from "zod";
import { domainError } from "@/server/core";

/** Largest inputs the public service takes; anything bigger is refused before parsing. */
export const INPUT_LIMITS = {
  certificate: 64 * 1024,
  signature: 5 * 1024 * 1024,
  signedData: 20 * 1024 * 1024,
  timestampToken: 256 * 1024,
} as const;
export type InputField = keyof typeof INPUT_LIMITS;

/** Bytes as uploaded, or text (PEM, or the signed text itself), taken as UTF-8. */
export const bytesInput = z.union([z.custom<Uint8Array>((v) => v instanceof Uint8Array, "expected bytes"), z.string()]);

/** Optional instant to verify at (ISO 8601); defaults to the time of checking. */
export const atInput = z.iso.datetime({ offset: true }).optional();

/** The exact bytes the report's hash covers, refused with INPUT_TOO_LARGE over the field's limit. */
export function inputBytes(field: InputField, value: Uint8Array | string): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  const limit = INPUT_LIMITS[field];
  if (bytes.length > limit) throw domainError("INPUT_TOO_LARGE", { field, limit });
  if (bytes.length === 0) throw domainError("VALIDATION_FAILED", { issues: { [field]: ["empty"] } });
  return bytes;
}

/** Form overhead allowed on top of the largest combination of inputs (boundaries, field names). */
const FORM_OVERHEAD = 64 * 1024;

/** The largest request body a verification route should read. */
export const MAX_VERIFICATION_REQUEST_BYTES = INPUT_LIMITS.signature + INPUT_LIMITS.signedData + FORM_OVERHEAD;

/**
 * For the route handler, BEFORE it reads the body (request.formData() buffers everything): refuses
 * a declared body over the limit, and a body without a declared length, with INPUT_TOO_LARGE.
 * The per-field limits are checked again by the use case on the bytes it gets.
 */
export function assertRequestSize(contentLength: string | null, max = MAX_VERIFICATION_REQUEST_BYTES): void {
  const n = contentLength === null ? NaN : Number(contentLength);
  if (!Number.isFinite(n) || n < 0 || n > max) throw domainError("INPUT_TOO_LARGE", { field: "request", limit: max });
}
