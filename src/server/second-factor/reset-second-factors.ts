import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { isCaAdmin, needsSecondFactor } from "@/server/auth";
import { endSecondFactorSessions } from "./internal/factor-version";
import { enrolledFactors } from "./internal/factors";

/**
 * A CA administrator clears another staff member's second factors (lost phone, broken key): the
 * authenticator app, every passkey and the recovery codes. The owner's sessions lose their staff
 * power at once and for good (the factor version is raised: not even enrolling again gives it
 * back to a session signed in before); they enrol again and sign in with the new factor. Never
 * one's own factors: that would let a stolen password of an administrator replace the second
 * factor. The owner gets a mail, so a reset they did not ask for does not go unnoticed.
 */
export const resetSecondFactors = defineUseCase({
  name: "second-factor.reset",
  input: z.object({ userId: z.uuid() }),
  authorize: isCaAdmin,
  async run(s, input): Promise<{ totp: boolean; passkeys: number; recoveryCodes: number }> {
    // Dual control (a second administrator approves the reset) hooks in here once that issue lands:
    // this use case would then record the request, and the approval would run the lines below.
    if (input.userId === s.actor!.userId) throw domainError("SECOND_FACTOR_OWN_RESET");
    const owner = await s.tx.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, locale: true, roles: true } });
    if (!owner || !needsSecondFactor(owner)) throw domainError("NOT_FOUND");
    const before = await enrolledFactors(s.tx, owner.id);
    if (!before.totp && before.passkeys === 0) throw domainError("SECOND_FACTOR_NOT_ENROLLED");
    const totp = (await s.tx.totpFactor.deleteMany({ where: { userId: owner.id } })).count > 0;
    const passkeys = (await s.tx.passkey.deleteMany({ where: { userId: owner.id } })).count;
    const recoveryCodes = (await s.tx.recoveryCode.deleteMany({ where: { userId: owner.id } })).count;
    await endSecondFactorSessions(s.tx, owner.id);
    await s.notify({
      userId: owner.id,
      toAddress: owner.email,
      locale: owner.locale,
      template: "account.second-factor-reset",
      payload: { at: s.now.toISOString(), path: "/account/security" },
      dedupeKey: `second-factor-reset:${owner.id}:${s.now.toISOString()}`,
    });
    s.audit({ action: "second-factor.reset", subjectType: "User", subjectId: owner.id, summary: { totp, passkeys, recoveryCodes } });
    return { totp, passkeys, recoveryCodes };
  },
});
