import { createHash } from "node:crypto";
import { parseCertificate, pemToDer } from "@/ca/asn1/certificate-parts";
import { sm2PublicKeyHex } from "@/ca/keys/sm2";
import { domainError } from "@/server/core";

/** A PEM public key or certificate is a few hundred bytes; far more is refused before parsing. */
export const MAX_RECIPIENT_PEM_CHARS = 8192;

export interface RecoveryRecipient {
  /** The uncompressed SM2 point the envelope is sealed to. */
  publicKeyHex: string;
  /** SHA-256 (hex) of the recipient's SubjectPublicKeyInfo DER: what the audit log and the approvers see. */
  spkiSha256: string;
}

/**
 * The key a recovered key is enveloped to: an SM2 SubjectPublicKeyInfo ("PUBLIC KEY") or the
 * SPKI of a certificate ("CERTIFICATE"), in PEM. Anything else (an RSA or P-256 key, garbage) is
 * KEY_RECOVERY_RECIPIENT_INVALID: the key must only ever leave in an SM2 envelope.
 */
export function recoveryRecipient(pem: string): RecoveryRecipient {
  try {
    const spki = /-----BEGIN CERTIFICATE-----/.test(pem) ? parseCertificate(pemToDer(pem, "CERTIFICATE")).spki : pemToDer(pem, "PUBLIC KEY");
    const publicKeyHex = sm2PublicKeyHex(spki);
    return { publicKeyHex, spkiSha256: createHash("sha256").update(spki).digest("hex") };
  } catch {
    throw domainError("KEY_RECOVERY_RECIPIENT_INVALID");
  }
}
