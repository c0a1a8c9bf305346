import type { Tx } from "@/server/core";
import { hashRecoveryCode, newRecoveryCodes, normaliseRecoveryCode } from "../recovery-codes";

/** Replaces the account's recovery codes with ten new ones and returns them (shown once, stored hashed). */
export async function issueRecoveryCodes(tx: Tx, userId: string, now: Date): Promise<string[]> {
  const codes = newRecoveryCodes();
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(c)!), createdAt: now })) });
  return codes;
}
