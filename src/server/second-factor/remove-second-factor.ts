import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { requireFactorChangeAllowed } from "./internal/factor-change";
import { endSecondFactorSessions } from "./internal/factor-version";
import { enrolledFactors, hasSecondFactor } from "./internal/factors";

/**
 * Removes the account's own authenticator app or one of its passkeys. When no factor is left the
 * recovery codes go too (they stand in for a factor, not for none). Only from a session signed in
 * with a second factor, once the account has one (requireFactorChangeAllowed). Removing a confirmed
 * factor ends the second factor of every session of the account, this one included (its version is
 * raised): a session that signed in with the removed factor must not keep what it gave. A staff
 * member then has no staff power until they sign in again with a factor the account still has.
 */
export const removeSecondFactor = defineUseCase({
  name: "second-factor.removed",
  input: z.discriminatedUnion("kind", [z.object({ kind: z.literal("totp") }), z.object({ kind: z.literal("passkey"), passkeyId: z.uuid() })]),
  authorize: "signed-in",
  async run(s, input): Promise<{ removed: true }> {
    const { userId, enrolled } = await requireFactorChangeAllowed(s, "remove");
    if (input.kind === "totp") {
      const { count } = await s.tx.totpFactor.deleteMany({ where: { userId } });
      if (count === 0) throw domainError("SECOND_FACTOR_NOT_ENROLLED");
      // A pending enrolment (never confirmed) gave no session anything.
      if (enrolled.totp) await endSecondFactorSessions(s.tx, userId);
    } else {
      // Another account's passkey is NOT_FOUND, like one that does not exist.
      const { count } = await s.tx.passkey.deleteMany({ where: { id: input.passkeyId, userId } });
      if (count === 0) throw domainError("NOT_FOUND");
      await endSecondFactorSessions(s.tx, userId);
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
