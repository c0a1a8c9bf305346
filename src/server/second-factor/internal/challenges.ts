import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";
import { CHALLENGE_TTL_MS } from "./relying-party";

type Purpose = "REGISTER" | "SIGN_IN";

/**
 * Stores a WebAuthn challenge server-side. Not a use case on purpose: a challenge is a nonce, not
 * a change anyone answers for (its use is audited where it is used), and sign-in asks for one
 * before anyone is known. Expired challenges are cleared at the same time, so the table stays
 * as small as the number of sign-ins in the last five minutes.
 */
export async function storeChallenge(db: PrismaClient, purpose: Purpose, challenge: string, userId: string | null, now: Date): Promise<string> {
  await db.webAuthnChallenge.deleteMany({ where: { expiresAt: { lt: now } } });
  const row = await db.webAuthnChallenge.create({ data: { purpose, challenge, userId, expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS), createdAt: now } });
  return row.id;
}

/**
 * Takes a challenge out (deleted: it answers once), or null when it is unknown, used, expired,
 * for another purpose or another account. The conditional delete makes two concurrent answers
 * with the same challenge succeed at most once.
 */
export async function consumeChallenge(tx: Tx, id: string, purpose: Purpose, userId: string | null, now: Date): Promise<string | null> {
  const row = await tx.webAuthnChallenge.findUnique({ where: { id } });
  if (!row) return null;
  const { count } = await tx.webAuthnChallenge.deleteMany({ where: { id, purpose } });
  if (count !== 1 || row.purpose !== purpose || row.expiresAt <= now) return null;
  if (userId !== null && row.userId !== userId) return null;
  return row.challenge;
}
