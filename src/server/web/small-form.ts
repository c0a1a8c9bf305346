import { assertRequestSize } from "@/server/verification";

/** A form of a few short fields (sign-in, a download's format, an audit selection): 16 KiB is ample. */
export const SMALL_FORM_MAX_BYTES = 16 * 1024;

/**
 * For a route handler taking a small form, BEFORE it reads the body (formData() buffers all of it,
 * and such routes run outside the proxy, which would otherwise have cut the body at 10 MB): a body
 * that is larger, or does not declare its length, is refused with INPUT_TOO_LARGE.
 */
export function assertSmallForm(req: Request): void {
  assertRequestSize(req.headers.get("content-length"), SMALL_FORM_MAX_BYTES);
}
