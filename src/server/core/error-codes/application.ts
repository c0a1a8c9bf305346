import type { ErrorEntry } from "./entry";

/** Errors of the application area. Each code: one line of doc saying when it is thrown. */
export const applicationErrors = {
} as const satisfies Record<string, ErrorEntry>;
