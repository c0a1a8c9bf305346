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

export const SERVER_CHECKS: readonly (SignatureCheck | SealCheck)[] = [...new Set([...SIGNATURE_CHECKS, ...SEAL_CHECKS])];
export type ServerCheck = SignatureCheck | SealCheck;

export function isServerCheck(v: unknown): v is ServerCheck {
  return typeof v === "string" && (SERVER_CHECKS as readonly string[]).includes(v);
}
