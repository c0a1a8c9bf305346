import { z } from "zod";
import { defineQuery } from "@/server/core";
import { factorChangeStanding, hasSecondFactor, needsSecondFactor, type FactorChangeStanding } from "@/server/auth";
import { totpUri } from "./totp";
import { openTotpSecret } from "./internal/totp-secret-box";

export interface MySecondFactors {
  /** Staff roles need a second factor before any console page or staff action. */
  required: boolean;
  /** Has a second factor (hasSecondFactor): recovery codes exist only then. */
  enrolled: boolean;
  totp: { enrolled: boolean; enrolledAt: Date | null };
  /** An enrolment in progress: the secret to type or scan, shown until a code confirms it. */
  pendingTotp: { secret: string; uri: string } | null;
  passkeys: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }[];
  recoveryCodesLeft: number;
  /**
   * Whether this session may change the factors above, and why (auth/second-factor-rule.ts): the
   * page offers the changes only when they are allowed, and says why not otherwise.
   */
  changes: FactorChangeStanding;
}

/** The account security page: what the signed-in account has enrolled. */
export const getMySecondFactors = defineQuery({
  name: "second-factor.mine",
  input: z.object({}),
  authorize: "signed-in",
  async run(ctx): Promise<MySecondFactors> {
    const userId = ctx.actor!.userId;
    const user = await ctx.db.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        email: true,
        roles: true,
        totpFactor: true,
        passkeys: { select: { id: true, name: true, createdAt: true, lastUsedAt: true }, orderBy: { createdAt: "asc" } },
        _count: { select: { recoveryCodes: { where: { usedAt: null } } } },
      },
    });
    const enrolled = hasSecondFactor({ totp: !!user.totpFactor?.confirmedAt, passkeys: user.passkeys.length });
    const pendingSecret = user.totpFactor && !user.totpFactor.confirmedAt ? await openTotpSecret(userId, user.totpFactor.secretSealed) : null;
    return {
      required: needsSecondFactor(user),
      enrolled,
      totp: { enrolled: !!user.totpFactor?.confirmedAt, enrolledAt: user.totpFactor?.confirmedAt ?? null },
      pendingTotp: pendingSecret ? { secret: pendingSecret, uri: totpUri(pendingSecret, user.email) } : null,
      passkeys: user.passkeys,
      recoveryCodesLeft: user._count.recoveryCodes,
      changes: factorChangeStanding({ enrolled }, ctx.actor!),
    };
  },
});
