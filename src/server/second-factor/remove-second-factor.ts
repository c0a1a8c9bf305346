import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { enrolledFactors, hasSecondFactor } from "./internal/factors";

/**
 * Removes the account's own authenticator app or one of its passkeys. When no factor is left the
 * recovery codes go too (they stand in for a factor, not for none). A staff member may do this;
 * their session then has no staff power until they enrol again and sign in again (session.ts).
 */
export const removeSecondFactor = defineUseCase({
  name: "second-factor.removed",
  input: z.discriminatedUnion("kind", [z.object({ kind: z.literal("totp") }), z.object({ kind: z.literal("passkey"), passkeyId: z.uuid() })]),
  authorize: "signed-in",
  async run(s, input): Promise<{ removed: true }> {
    const userId = s.actor!.userId;
    if (input.kind === "totp") {
      const { count } = await s.tx.totpFactor.deleteMany({ where: { userId } });
      if (count === 0) throw domainError("SECOND_FACTOR_NOT_ENROLLED");
    } else {
      // Another account's passkey is NOT_FOUND, like one that does not exist.
      const { count } = await s.tx.passkey.deleteMany({ where: { id: input.passkeyId, userId } });
      if (count === 0) throw domainError("NOT_FOUND");
    }
    const left = await enrolledFactors(s.tx, userId);
    const cleared = hasSecondFactor(left) ? 0 : (await s.tx.recoveryCode.deleteMany({ where: { userId } })).count;
    s.audit({
      action: "second-factor.removed",
      subjectType: "User",
      subjectId: userId,
      summary: { kind: input.kind, passkeyId: input.kind === "passkey" ? input.passkeyId : null, recoveryCodesCleared: cleared },
    });
    return { removed: true };
  },
});
