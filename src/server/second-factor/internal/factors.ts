import type { Tx } from "@/server/core";

/** What an account has enrolled: a confirmed TOTP and/or passkeys (recovery codes alone are no factor). */
export async function enrolledFactors(tx: Tx, userId: string): Promise<{ totp: boolean; passkeys: number }> {
  const [totp, passkeys] = await Promise.all([
    tx.totpFactor.findUnique({ where: { userId }, select: { confirmedAt: true } }),
    tx.passkey.count({ where: { userId } }),
  ]);
  return { totp: !!totp?.confirmedAt, passkeys };
}

export { hasSecondFactor } from "@/server/auth";
