import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { enrolledFactors, hasSecondFactor } from "./internal/factors";
import { issueRecoveryCodes } from "./internal/issue-recovery-codes";

/** Ten new recovery codes in place of the old ones (used or not); returned once. */
export const regenerateRecoveryCodes = defineUseCase({
  name: "second-factor.recovery-codes-issued",
  input: z.object({}),
  authorize: "signed-in",
  async run(s): Promise<{ recoveryCodes: string[] }> {
    const userId = s.actor!.userId;
    if (!hasSecondFactor(await enrolledFactors(s.tx, userId))) throw domainError("SECOND_FACTOR_NOT_ENROLLED");
    const recoveryCodes = await issueRecoveryCodes(s.tx, userId, s.now);
    s.audit({ action: "second-factor.recovery-codes-issued", subjectType: "User", subjectId: userId, summary: { count: recoveryCodes.length } });
    return { recoveryCodes };
  },
});
