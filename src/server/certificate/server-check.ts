/**
 * Every verdict the server writes as `serverCheck` into a certificate test result: one list, so
 * the console can label each of them (a test asserts both languages) and nothing is shown as a code.
 */
export const SIGNATURE_CHECKS = ["NO_SIGNATURE", "SIGNATURE_VALID", "SIGNATURE_INVALID"] as const;
export type SignatureCheck = (typeof SIGNATURE_CHECKS)[number];

export const SEAL_CHECKS = [
  "SIGNED_AND_BOUND", "NOT_SEAL_CERTIFICATE", "DOCUMENT_MALFORMED", "WRONG_CERTIFICATE", "SIGNATURE_INVALID", "SEAL_MISMATCH", "PLACEHOLDER_SEAL",
] as const;
export type SealCheck = (typeof SEAL_CHECKS)[number];

/** The information-loading test: the page names what it showed; the server compares it with the certificate. */
export const INFO_CHECKS = ["INFO_SHOWN", "INFO_MISMATCH", "INFO_NOT_SHOWN"] as const;
export type InfoCheck = (typeof INFO_CHECKS)[number];

export const SERVER_CHECKS: readonly (SignatureCheck | SealCheck | InfoCheck)[] = [...new Set([...SIGNATURE_CHECKS, ...SEAL_CHECKS, ...INFO_CHECKS])];
export type ServerCheck = SignatureCheck | SealCheck | InfoCheck;

export function isServerCheck(v: unknown): v is ServerCheck {
  return typeof v === "string" && (SERVER_CHECKS as readonly string[]).includes(v);
}
