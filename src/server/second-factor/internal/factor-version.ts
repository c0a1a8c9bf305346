import type { Tx } from "@/server/core";

/**
 * Raises the account's second-factor version in the caller's transaction: from the commit on, every
 * session signed in before has no second factor (sessionHasSecondFactor in src/server/auth), so no
 * staff power and no further factor changes until its owner signs in again with a factor the
 * account has. Called by every change that takes a confirmed factor away (removal, reset); adding
 * one, or new recovery codes, takes nothing from a session and raises nothing.
 */
export async function endSecondFactorSessions(tx: Tx, userId: string): Promise<void> {
  await tx.user.update({ where: { id: userId }, data: { secondFactorVersion: { increment: 1 } } });
}
