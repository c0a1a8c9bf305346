import { z } from "zod";
import { defineUseCase, domainError } from "@/server/core";
import { newTotpSecret } from "./totp";
import { requireFactorChangeAllowed } from "./internal/factor-change";
import { sealTotpSecret } from "./internal/totp-secret-box";

/**
 * Begins adding an authenticator app: a new secret, sealed, kept as an enrolment in progress
 * (confirmedAt null) until a code from the app confirms it. Starting again replaces an unconfirmed
 * secret; a confirmed one must be removed first. Once the account has a second factor, only a
 * session signed in with it may start (requireFactorChangeAllowed).
 */
export const startTotpEnrolment = defineUseCase({
  name: "second-factor.totp-enrolment-started",
  input: z.object({}),
  authorize: "signed-in",
  async run(s): Promise<{ started: true }> {
    const { userId } = await requireFactorChangeAllowed(s, "totp-start");
    const existing = await s.tx.totpFactor.findUnique({ where: { userId } });
    if (existing?.confirmedAt) throw domainError("SECOND_FACTOR_ALREADY_ENROLLED");
    const secretSealed = await sealTotpSecret(userId, newTotpSecret());
    await s.tx.totpFactor.upsert({ where: { userId }, create: { userId, secretSealed, createdAt: s.now }, update: { secretSealed, createdAt: s.now, lastUsedStep: null } });
    s.audit({ action: "second-factor.totp-enrolment-started", subjectType: "User", subjectId: userId, summary: {} });
    return { started: true };
  },
});
