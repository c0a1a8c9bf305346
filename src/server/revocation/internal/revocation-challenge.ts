import { randomBytes, verify, X509Certificate } from "node:crypto";
import type { CaService } from "@/server/ca-service";
import type { Tx } from "@/server/core";

/** How long the subscriber has to sign a revocation challenge. */
export const REVOCATION_CHALLENGE_TTL_MS = 15 * 60_000;

/** What a key-signed request asks for; the challenge is bound to exactly this. */
export interface ChallengeBinding {
  certificateId: string;
  /** The signed-in requester: a token fetched by one user cannot be submitted by another. */
  userId: string;
  kind: "REVOCATION";
  reason: string;
}

interface Payload {
  p: "revocation-request";
  cid: string;
  uid: string;
  kind: string;
  r: string;
  n: string;
  exp: string;
  /** CA entity whose key signed the token */
  k: string;
}

const b64u = (b: Buffer) => b.toString("base64url");
const PREFIX = "rv1";

/**
 * A challenge the server checks later without storing it: the payload (certificate, requester,
 * what is requested, nonce, expiry) signed by the CA. The subscriber signs the whole token with
 * the certificate's private key; that proves control of the key, which makes the request
 * compliant at once. The purpose tag keeps these tokens apart from the certificate-test ones.
 */
export async function makeRevocationChallenge(ca: CaService, b: ChallengeBinding, now: Date): Promise<{ challenge: string; expiresAt: Date }> {
  const expiresAt = new Date(now.getTime() + REVOCATION_CHALLENGE_TTL_MS);
  const signerId = ca.hierarchy.issuing.ec?.entity.id ?? ca.hierarchy.issuing.rsa?.entity.id ?? ca.hierarchy.root.entity.id;
  const payload: Payload = { p: "revocation-request", cid: b.certificateId, uid: b.userId, kind: b.kind, r: b.reason, n: b64u(randomBytes(18)), exp: expiresAt.toISOString(), k: signerId };
  const body = b64u(Buffer.from(JSON.stringify(payload), "utf8"));
  const sig = await ca.signByCa(Buffer.from(`${PREFIX}.${body}`, "utf8"));
  return { challenge: `${PREFIX}.${body}.${b64u(sig)}`, expiresAt };
}

/** True when the token is ours (CA signature), unexpired, and bound to exactly this request. */
export async function checkRevocationChallenge(tx: Tx, token: string, b: ChallengeBinding, now: Date): Promise<boolean> {
  const m = /^rv1\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!m) return false;
  let payload: Payload;
  try {
    payload = JSON.parse(Buffer.from(m[1]!, "base64url").toString("utf8")) as Payload;
  } catch {
    return false;
  }
  if (typeof payload !== "object" || payload === null || typeof payload.k !== "string") return false;
  const signer = await tx.issuingCa.findUnique({ where: { name: payload.k }, select: { certificateDer: true, status: true } });
  if (!signer || signer.status === "COMPROMISED") return false;
  try {
    const key = new X509Certificate(Buffer.from(signer.certificateDer)).publicKey;
    if (!verify("sha256", Buffer.from(`${PREFIX}.${m[1]}`, "utf8"), key, Buffer.from(m[2]!, "base64url"))) return false;
  } catch {
    return false;
  }
  return (
    payload.p === "revocation-request" &&
    payload.cid === b.certificateId &&
    payload.uid === b.userId &&
    payload.kind === b.kind &&
    payload.r === b.reason &&
    Date.parse(payload.exp) > now.getTime()
  );
}
