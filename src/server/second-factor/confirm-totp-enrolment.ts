import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { matchTotpStep } from "./totp";
import { requireFactorChangeAllowed } from "./internal/factor-change";
import { hasSecondFactor } from "./internal/factors";
import { issueRecoveryCodes } from "./internal/issue-recovery-codes";
import { codeField } from "./internal/schemas";
import { openTotpSecret } from "./internal/totp-secret-box";

/**
 * Confirms the authenticator app with a code it shows. With the account's first second factor
 * come ten recovery codes, returned here once and never again. A wrong code is audited and
 * committed (evidence of a failed code) and changes nothing else. When the account already has
 * another factor (a passkey), only a session signed in with it may confirm (requireFactorChangeAllowed).
 */
export const confirmTotpEnrolment = defineUseCase({
  name: "second-factor.totp-enrolled",
  input: z.object({ code: codeField }),
  authorize: "signed-in",
  async run(s, input): Promise<{ recoveryCodes: string[] | null }> {
    const { userId, enrolled } = await requireFactorChangeAllowed(s, "totp-confirm");
    const pending = await s.tx.totpFactor.findUnique({ where: { userId } });
    if (!pending) throw domainError("SECOND_FACTOR_NOT_ENROLLED");
    if (pending.confirmedAt) throw domainError("SECOND_FACTOR_ALREADY_ENROLLED");
    const secret = await openTotpSecret(userId, pending.secretSealed);
    const step = secret ? matchTotpStep(secret, input.code, s.now) : null;
    if (step === null) {
      s.audit({ action: "second-factor.code-failed", subjectType: "User", subjectId: userId, summary: { method: "totp", during: "enrolment", reason: "wrong" } });
      return s.rejectAfterCommit(domainError("SECOND_FACTOR_INVALID"));
    }
    const first = !hasSecondFactor(enrolled);
    await s.tx.totpFactor.update({ where: { userId }, data: { confirmedAt: s.now, lastUsedStep: step } });
    const recoveryCodes = first ? await issueRecoveryCodes(s.tx, userId, s.now) : null;
    s.audit({ action: "second-factor.totp-enrolled", subjectType: "User", subjectId: userId, summary: { recoveryCodesIssued: recoveryCodes?.length ?? 0 } });
    return { recoveryCodes };
  },
});
