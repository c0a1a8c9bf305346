import { createPublicKey, randomBytes, verify, X509Certificate } from "node:crypto";
import { parseCertificate } from "@/ca";
import { isSm2Spki, sm2Verify } from "@/ca/keys/sm2";
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
 * The one place that decides "is this signature by this certificate's key" (certificate test,
 * seal test, revocation proven by the key, problem-report key proof). RSA: PKCS#1 v1.5 with
 * SHA-256. ECDSA with SHA-256: DER-encoded (OpenSSL, tokens) or r||s (WebCrypto in the browser).
 * SM2: SM3withSM2 with the user ID 1234567812345678, DER SEQUENCE { r, s } (the browser's
 * sm-crypto-v2, `openssl pkeyutl -sign -rawin -digest sm3 -pkeyopt distid:1234567812345678`);
 * Node cannot check SM2, so src/ca/keys/sm2.ts does, and another user ID fails.
 */
export function verifySubscriberSignature(certificateDer: Uint8Array, challenge: string, signatureB64: string): boolean {
  const sm2 = sm2KeyOf(certificateDer);
  if (sm2) {
    const sig = Buffer.from(signatureB64, "base64");
    // An SM2 DER signature is at most 72 bytes; anything much longer is not one (and is not worth hashing over).
    return sig.length > 0 && sig.length <= 80 && sm2Verify(sm2, Buffer.from(challenge, "utf8"), sig);
  }
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

/** The certificate's SubjectPublicKeyInfo when it holds an SM2 key; undefined for any other key or an unreadable certificate. */
function sm2KeyOf(certificateDer: Uint8Array): Buffer | undefined {
  try {
    const { spki } = parseCertificate(certificateDer);
    return isSm2Spki(spki) ? spki : undefined;
  } catch {
    return undefined;
  }
}
