import { z } from "zod";

/** A code as typed: six digits or a recovery code; checked for its shape where it is used. */
export const codeField = z.string().trim().min(1).max(64);
/** The browser's WebAuthn answer as JSON text (@simplewebauthn/browser); parsed and checked by the library. */
export const webAuthnResponseField = z.string().min(2).max(16_000);
export const challengeIdField = z.uuid();
export const passkeyNameField = z.string().trim().min(1).max(60);
