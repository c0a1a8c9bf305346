import { defineUseCase, domainError } from "@/server/core";
import { emailKey } from "@/server/shared";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { beijingClockTime, minutesUntil, recordSignInAttempt, signInLimitHit } from "./internal/rate-limit";
import { signInInput } from "./internal/schemas";
import { secondFactorStep } from "./internal/second-factor-step";
import type { AuthMethod } from "@/server/auth";

export interface SignedInUser {
  id: string;
  email: string;
  roles: string[];
  displayName: string | null;
  locale: string;
  /** How this sign-in was authenticated: ["pwd"], or with "otp" / "webauthn" when the account has a second factor. */
  amr: AuthMethod[];
  /** The account's second-factor version at this sign-in, for the session token (auth/second-factor-rule.ts). */
  secondFactorVersion: number;
}

/**
 * Checks a password sign-in. Every outcome is audited and committed, refusals included:
 * an unknown address, a wrong password and a disabled account all answer INVALID_CREDENTIALS
 * after the same argon2 work, so neither the message nor the timing tells whether the account
 * exists. EMAIL_NOT_VERIFIED is only said to someone who knows the password.
 */
export const signInWithPassword = defineUseCase({
  name: "account.sign-in",
  input: signInInput,
  authorize: "public",
  async run(s, input): Promise<SignedInUser> {
    const key = emailKey(input.email);
    const ip = s.meta.ip ?? null;
    const user = await s.tx.user.findUnique({ where: { email: input.email } });
    const subject = { subjectType: "User", subjectId: user?.id ?? null, actorId: null, actorRoles: [] } as const;

    const limit = await signInLimitHit(s.tx, s.now, key, ip);
    if (limit) {
      s.audit({ ...subject, action: "account.sign-in-refused", summary: { reason: "rate-limited", limit: limit.scope, emailKey: key, retryAt: limit.retryAt.toISOString() } });
      // The message says when to try again (Beijing time, as everywhere on the portal), about how
      // long that is, and that a password reset lifts the delay (reset-password.ts).
      return s.rejectAfterCommit(
        domainError("SIGN_IN_DELAYED", { retryAfterSeconds: limit.retryAfterSeconds, retryAt: beijingClockTime(limit.retryAt), retryMinutes: minutesUntil(limit.retryAfterSeconds) }),
      );
    }

    const passwordOk = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstDummy(input.password);
    if (!user || !passwordOk || user.disabledAt) {
      await recordSignInAttempt(s.tx, s.now, key, ip, false);
      const reason = !user ? "unknown-account" : !passwordOk ? "wrong-password" : "disabled";
      s.audit({ ...subject, action: "account.sign-in-failed", summary: { reason, emailKey: key } });
      return s.rejectAfterCommit(domainError("INVALID_CREDENTIALS"));
    }

    if (!user.emailVerifiedAt) {
      // The password was right: not a guessing attempt, so it does not count towards the limit.
      s.audit({ ...subject, action: "account.sign-in-refused", summary: { reason: "email-not-verified" } });
      return s.rejectAfterCommit(domainError("EMAIL_NOT_VERIFIED"));
    }

    const factor = await secondFactorStep(s, user, { code: input.code, passkey: input.passkey }, { emailKey: key, ip });
    await recordSignInAttempt(s.tx, s.now, key, ip, true);
    s.audit({ ...subject, action: "account.sign-in", actorId: user.id, actorRoles: user.roles, summary: factor.summary });
    return { id: user.id, email: user.email, roles: [...user.roles], displayName: user.displayName, locale: user.locale, amr: factor.amr, secondFactorVersion: user.secondFactorVersion };
  },
});
