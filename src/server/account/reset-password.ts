import { defineUseCase, domainError } from "@/server/core";
import { hashPassword, passwordPolicyViolation } from "./password";
import { resetPasswordInput } from "./internal/schemas";
import { hashLinkToken } from "./internal/tokens";
import { liftSignInLock } from "./internal/rate-limit";
import { emailKey } from "@/server/shared";
import { hasSecondFactor } from "@/server/auth";

/**
 * Sets a new password with a single-use, one-hour link. Completing it also proves control of
 * the address, so an unverified account becomes verified, and lifts the sign-in delay that failed
 * passwords put on the account (issue 15: a reset that still left the owner locked out). Not for
 * an account with a second factor: its wrong codes count in the same rows (second-factor-step.ts),
 * and a reset proves the mailbox, not the factor, so lifting would let whoever holds the mailbox
 * start guessing codes afresh with each reset link.
 */
export const resetPassword = defineUseCase({
  name: "account.reset-password",
  input: resetPasswordInput,
  authorize: "public",
  async run(s, input) {
    const token = await s.tx.emailToken.findUnique({
      where: { tokenHash: hashLinkToken(input.token) },
      include: { user: { select: { id: true, email: true, roles: true, emailVerifiedAt: true, disabledAt: true } } },
    });
    if (!token || token.purpose !== "RESET_PASSWORD" || token.usedAt || token.expiresAt <= s.now || token.user.disabledAt) {
      throw domainError("TOKEN_INVALID");
    }
    const rule = passwordPolicyViolation(input.password, token.user.email);
    if (rule) throw domainError("WEAK_PASSWORD", { rule });

    const consumed = await s.tx.emailToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: s.now } });
    if (consumed.count !== 1) throw domainError("TOKEN_INVALID");
    await s.tx.user.update({
      where: { id: token.userId },
      data: { passwordHash: await hashPassword(input.password), emailVerifiedAt: token.user.emailVerifiedAt ?? s.now },
    });
    const [totp, passkeys] = await Promise.all([
      s.tx.totpFactor.findUnique({ where: { userId: token.userId }, select: { confirmedAt: true } }),
      s.tx.passkey.count({ where: { userId: token.userId } }),
    ]);
    const signInLockLifted = hasSecondFactor({ totp: !!totp?.confirmedAt, passkeys }) ? false : await liftSignInLock(s.tx, emailKey(token.user.email));
    s.audit({
      action: "account.password-reset",
      subjectType: "User",
      subjectId: token.userId,
      actorId: token.userId,
      actorRoles: token.user.roles,
      summary: { alsoVerifiedEmail: !token.user.emailVerifiedAt, signInLockLifted },
    });
    return { userId: token.userId };
  },
});
