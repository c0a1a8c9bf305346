import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { requireFactorChangeAllowed } from "./internal/factor-change";
import { hasSecondFactor } from "./internal/factors";
import { issueRecoveryCodes } from "./internal/issue-recovery-codes";

/**
 * Ten new recovery codes in place of the old ones (used or not); returned once. Only from a session
 * signed in with the second factor (requireFactorChangeAllowed): the codes stand in for it. Takes no
 * factor from a session, so other sessions keep theirs (a leaked code is met by a password change,
 * which ends every session).
 */
export const regenerateRecoveryCodes = defineUseCase({
  name: "second-factor.recovery-codes-issued",
  input: z.object({}),
  authorize: "signed-in",
  async run(s): Promise<{ recoveryCodes: string[] }> {
    const { userId, enrolled } = await requireFactorChangeAllowed(s, "recovery-codes");
    if (!hasSecondFactor(enrolled)) throw domainError("SECOND_FACTOR_NOT_ENROLLED");
    const recoveryCodes = await issueRecoveryCodes(s.tx, userId, s.now);
    s.audit({ action: "second-factor.recovery-codes-issued", subjectType: "User", subjectId: userId, summary: { count: recoveryCodes.length } });
    return { recoveryCodes };
  },
});
