import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/server/core";

/*
 * Two stateless tokens of the public report form, each an HMAC under a key of its own derived
 * from the auth secret (so they say nothing about the session key and one cannot pass for the
 * other): the proof-of-work challenge and the nonce of the text a reporter signs with the
 * certificate's key. Both carry their expiry; checking one is a single HMAC, nothing is read.
 */

export type TokenPurpose = "pow" | "key-proof" | "status";

const keys = new Map<TokenPurpose, Promise<Buffer>>();
function keyFor(purpose: TokenPurpose): Promise<Buffer> {
  let k = keys.get(purpose);
  if (!k) {
    k = authSecret().then((secret) => Buffer.from(hkdfSync("sha256", secret, "", `portal problem-report ${purpose} v1`, 32)));
    keys.set(purpose, k);
  }
  return k;
}

const PREFIX: Record<TokenPurpose, string> = { pow: "pw1", "key-proof": "kp1", status: "st1" };
/** ASCII, no quotes or spaces: the nonce is pasted into a shell command. */
const SHAPE = /^(pw1|kp1)\.([A-Za-z0-9_-]{16,32})\.(\d{13})\.([A-Za-z0-9_-]{43})$/;
/** Longer than any token we issue: checked before anything else. */
export const MAX_TOKEN_LENGTH = 120;

async function mac(purpose: TokenPurpose, body: string): Promise<string> {
  return createHmac("sha256", await keyFor(purpose)).update(body, "utf8").digest("base64url");
}

/** A fresh token: `<prefix>.<random id>.<expiry ms>.<hmac>`. */
export async function issueToken(purpose: TokenPurpose, now: Date, ttlMs: number): Promise<{ token: string; id: string; expiresAt: Date }> {
  const id = randomBytes(16).toString("base64url");
  const expiresAt = new Date(now.getTime() + ttlMs);
  const body = `${PREFIX[purpose]}.${id}.${expiresAt.getTime()}`;
  return { token: `${body}.${await mac(purpose, body)}`, id, expiresAt };
}

export type TokenCheck = { ok: true; id: string; expiresAt: Date } | { ok: false; problem: "malformed" | "forged" | "expired" };

/** Ours, for this purpose, and not expired. */
export async function checkToken(purpose: TokenPurpose, token: string, now: Date): Promise<TokenCheck> {
  if (token.length > MAX_TOKEN_LENGTH) return { ok: false, problem: "malformed" };
  const m = SHAPE.exec(token);
  if (!m || m[1] !== PREFIX[purpose]) return { ok: false, problem: "malformed" };
  const body = `${m[1]}.${m[2]}.${m[3]}`;
  const expected = Buffer.from(await mac(purpose, body), "utf8");
  const given = Buffer.from(m[4]!, "utf8");
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, problem: "forged" };
  const expiresAt = new Date(Number(m[3]));
  if (expiresAt.getTime() <= now.getTime()) return { ok: false, problem: "expired" };
  return { ok: true, id: m[2]!, expiresAt };
}

/**
 * The reporter's capability token for a report: an HMAC of the report's id under a key of its own,
 * so every mail to the reporter can carry the status link again without the database keeping the
 * token (it keeps only its SHA-256, to find the report). Unguessable without the auth secret;
 * changing the secret ends the old links (the reporter still has the reference).
 */
export async function statusToken(reportId: string): Promise<string> {
  return mac("status", `st1.${reportId}`);
}

export function statusPath(token: string): string {
  return `/report-problem/status?token=${token}`;
}
