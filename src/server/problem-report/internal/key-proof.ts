import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { keyProofText } from "@/domain/problem-report";
import { verifySubscriberSignature } from "@/server/shared";

/** Bounds checked before any parsing (a 16 kB PEM holds an RSA-8192 key with room to spare). */
export const MAX_PRIVATE_KEY_CHARS = 16_384;
/** base64 of a 1,024-byte signature (RSA-8192) with room for line breaks. */
export const MAX_SIGNATURE_CHARS = 2_048;

export type KeyProofResult = { ok: true } | { ok: false; refusal: "PROBLEM_REPORT_SIGNATURE_INVALID" | "PROBLEM_REPORT_KEY_MISMATCH" | "PROBLEM_REPORT_PRIVATE_KEY_UNREADABLE" };

function spkiOf(certificateDer: Uint8Array): Buffer {
  return createPublicKey(new X509Certificate(Buffer.from(certificateDer)).publicKey.export({ type: "spki", format: "pem" })).export({ type: "spki", format: "der" });
}

/**
 * A signature over the page's text (keyProofText) with the certificate's key, as
 * `openssl dgst -sha256 -sign` makes it (RSA PKCS#1 v1.5; ECDSA DER or raw r||s), base64. A text
 * saved with a trailing newline is accepted too: editors add one, the meaning is the same.
 */
export function checkSignatureProof(certificateDer: Uint8Array, canonicalSerial: string, nonce: string, signatureB64: string): KeyProofResult {
  const text = keyProofText(canonicalSerial, nonce);
  const sig = signatureB64.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sig)) return { ok: false, refusal: "PROBLEM_REPORT_SIGNATURE_INVALID" };
  const ok = [text, `${text}\n`, `${text}\r\n`].some((t) => verifySubscriberSignature(certificateDer, t, sig));
  return ok ? { ok: true } : { ok: false, refusal: "PROBLEM_REPORT_SIGNATURE_INVALID" };
}

/**
 * The private key itself: its public key must be the certificate's SubjectPublicKeyInfo. The key
 * lives only in this function's locals: it is never stored, logged, audited or returned, and the
 * caller drops the PEM once this answers (only the verdict leaves). An encrypted key is
 * unreadable here (no passphrase is asked for: the reporter can export it unencrypted).
 */
export function checkPrivateKeyProof(certificateDer: Uint8Array, privateKeyPem: string): KeyProofResult {
  let spki: Buffer;
  try {
    const key = createPrivateKey({ key: privateKeyPem, format: "pem" });
    spki = createPublicKey(key).export({ type: "spki", format: "der" });
  } catch {
    return { ok: false, refusal: "PROBLEM_REPORT_PRIVATE_KEY_UNREADABLE" };
  }
  return spki.equals(spkiOf(certificateDer)) ? { ok: true } : { ok: false, refusal: "PROBLEM_REPORT_KEY_MISMATCH" };
}
