import { createHash } from "node:crypto";
import type { PrismaClient } from "@/generated/prisma/client";
import { MAX_POW_NONCE, PROOF_OF_WORK_BITS, meetsDifficulty, proofOfWorkInput } from "@/domain/problem-report";
import { domainError } from "@/server/core";
import { checkToken, issueToken } from "./signed-tokens";

/** Long enough to solve and submit after a slow typist's last word; short enough that a stockpile goes stale. */
export const POW_TTL_MS = 10 * 60_000;

export async function issueProofOfWork(now: Date): Promise<{ challenge: string; bits: number; expiresAt: Date }> {
  const { token, expiresAt } = await issueToken("pow", now, POW_TTL_MS);
  return { challenge: token, bits: PROOF_OF_WORK_BITS, expiresAt };
}

/**
 * Checks a solved challenge and spends it, in that order: the HMAC and expiry (no database), one
 * SHA-256 for the work, then one insert that succeeds only the first time (the spent challenge is
 * a RateLimitBucket row "cpr-pow:<id>" expiring with the challenge, so the retention sweep removes
 * it like any other bucket). A refusal names its problem; nothing is written for a bad proof.
 * Runs on the client, outside any transaction, like the rate limit it follows.
 */
export async function spendProofOfWork(db: PrismaClient, challenge: string, nonce: string, now: Date): Promise<void> {
  const refuse = (problem: string) => domainError("PROBLEM_REPORT_PROOF_OF_WORK_INVALID", { problem });
  if (nonce.length === 0 || nonce.length > MAX_POW_NONCE) throw refuse("malformed");
  const token = await checkToken("pow", challenge, now);
  if (!token.ok) throw refuse(token.problem);
  const digest = createHash("sha256").update(proofOfWorkInput(challenge, nonce), "utf8").digest();
  if (!meetsDifficulty(digest, PROOF_OF_WORK_BITS)) throw refuse("insufficient");
  const inserted = await db.$executeRaw`
    INSERT INTO "RateLimitBucket" ("key", "count", "windowStart", "expiresAt")
    VALUES (${`cpr-pow:${token.id}`}, 1, ${now}, ${token.expiresAt})
    ON CONFLICT ("key") DO NOTHING`;
  if (inserted === 0) throw refuse("reused");
}

/** What a test or a script does in place of the browser: the first nonce that meets the difficulty. */
export function solveProofOfWork(challenge: string, bits: number = PROOF_OF_WORK_BITS): string {
  for (let n = 0; ; n++) {
    const digest = createHash("sha256").update(proofOfWorkInput(challenge, String(n)), "utf8").digest();
    if (meetsDifficulty(digest, bits)) return String(n);
  }
}
