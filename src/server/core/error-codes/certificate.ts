import type { ErrorEntry } from "./entry";

/** Errors of the certificate area. Each code: one line of doc saying when it is thrown. */
export const certificateErrors = {
} as const satisfies Record<string, ErrorEntry>;
