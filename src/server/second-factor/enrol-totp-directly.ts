import type { Tx } from "@/server/core";
import { sealTotpSecret } from "./internal/totp-secret-box";

/**
 * Enrols a known TOTP secret as confirmed, inside the caller's transaction (and audit event): for
 * the demo accounts, whose secret is printed beside their password, and for test seeds. People
 * enrol through startTotpEnrolment + confirmTotpEnrolment.
 */
export async function enrolTotpSecret(tx: Tx, userId: string, secretBase32: string, now: Date): Promise<void> {
  const secretSealed = await sealTotpSecret(userId, secretBase32);
  await tx.totpFactor.upsert({ where: { userId }, create: { userId, secretSealed, confirmedAt: now, createdAt: now }, update: { secretSealed, confirmedAt: now, lastUsedStep: null } });
}
