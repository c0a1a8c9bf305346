import { createPublicKey, randomBytes, verify, X509Certificate } from "node:crypto";
import type { CaService } from "@/server/ca-service";
import type { Tx } from "@/server/core";

/** How long a subscriber has to sign a certificate-test challenge. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

interface ChallengePayload {
  /** certificate id the challenge is bound to */
  cid: string;
  /** random nonce; a result may use it once */
  n: string;
  /** expiry, ISO */
  exp: string;
  /** CA entity whose key signed the token */
  k: string;
}

const b64u = (b: Buffer) => b.toString("base64url");

/**
 * A challenge the server can check later without storing it: the payload (certificate, nonce,
 * expiry) signed by the CA's key. The subscriber signs the whole token string with the
 * certificate's private key; the server checks both signatures.
 */
export async function makeChallenge(ca: CaService, certificateId: string, now: Date): Promise<{ challenge: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
  const signerId = ca.hierarchy.issuing.ec?.entity.id ?? ca.hierarchy.issuing.rsa?.entity.id ?? ca.hierarchy.root.entity.id;
  const payload: ChallengePayload = { cid: certificateId, n: b64u(randomBytes(18)), exp: expiresAt.toISOString(), k: signerId };
  const body = b64u(Buffer.from(JSON.stringify(payload), "utf8"));
  const sig = await ca.signByCa(Buffer.from(`v1.${body}`, "utf8"));
  return { challenge: `v1.${body}.${b64u(sig)}`, expiresAt };
}

export type ChallengeCheck = { ok: true; nonce: string } | { ok: false; why: "MALFORMED" | "BAD_CA_SIGNATURE" | "OTHER_CERTIFICATE" | "EXPIRED" };

/** Checks the token the server issued: ours (CA signature), for this certificate, not expired. */
export async function checkChallenge(tx: Tx, token: string, certificateId: string, now: Date): Promise<ChallengeCheck> {
  const m = /^v1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return { ok: false, why: "MALFORMED" };
  let payload: ChallengePayload;
  try {
    payload = JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8")) as ChallengePayload;
  } catch {
    return { ok: false, why: "MALFORMED" };
  }
  if (typeof payload.k !== "string" || typeof payload.n !== "string") return { ok: false, why: "MALFORMED" };
  const signer = await tx.issuingCa.findUnique({ where: { name: payload.k }, select: { certificateDer: true } });
  if (!signer) return { ok: false, why: "BAD_CA_SIGNATURE" };
  let good = false;
  try {
    const key = new X509Certificate(Buffer.from(signer.certificateDer)).publicKey;
    good = verify("sha256", Buffer.from(`v1.${m[1]}`, "utf8"), key, Buffer.from(m[2]!, "base64url"));
  } catch {
    good = false;
  }
  if (!good) return { ok: false, why: "BAD_CA_SIGNATURE" };
  if (payload.cid !== certificateId) return { ok: false, why: "OTHER_CERTIFICATE" };
  if (!(Date.parse(payload.exp) > now.getTime())) return { ok: false, why: "EXPIRED" };
  return { ok: true, nonce: payload.n };
}

/**
 * The subscriber's signature over the challenge, with the certificate's public key. ECDSA
 * signatures are accepted DER-encoded (OpenSSL, tokens) or as r||s (WebCrypto in the browser).
 */
export function verifySubscriberSignature(certificateDer: Uint8Array, challenge: string, signatureB64: string): boolean {
  let key;
  try {
    key = createPublicKey(new X509Certificate(Buffer.from(certificateDer)).publicKey.export({ type: "spki", format: "pem" }));
  } catch {
    return false;
  }
  const data = Buffer.from(challenge, "utf8");
  const sig = Buffer.from(signatureB64, "base64");
  if (sig.length === 0) return false;
  const attempts = key.asymmetricKeyType === "ec" ? (["der", "ieee-p1363"] as const) : ([undefined] as const);
  for (const dsaEncoding of attempts) {
    try {
      if (verify("sha256", data, dsaEncoding ? { key, dsaEncoding } : key, sig)) return true;
    } catch {
      /* try the next encoding */
    }
  }
  return false;
}
