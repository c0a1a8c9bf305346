import { defineUseCase, domainError } from "@/server/core";
import { verifyEmailInput } from "./internal/schemas";
import { hashLinkToken } from "./internal/tokens";

/**
 * Marks the address verified. Opening the same link again (mail scanners often open links
 * before the person does) still answers "verified" as long as the account is verified.
 */
export const verifyEmail = defineUseCase({
  name: "account.verify-email",
  input: verifyEmailInput,
  authorize: "public",
  async run(s, input) {
    const token = await s.tx.emailToken.findUnique({
      where: { tokenHash: hashLinkToken(input.token) },
      include: { user: { select: { id: true, emailVerifiedAt: true, roles: true } } },
    });
    if (!token || token.purpose !== "VERIFY_EMAIL") throw domainError("TOKEN_INVALID");

    const actor = { subjectType: "User", subjectId: token.userId, actorId: token.userId, actorRoles: token.user.roles } as const;
    if (token.usedAt) {
      if (!token.user.emailVerifiedAt) throw domainError("TOKEN_INVALID");
      s.audit({ ...actor, action: "account.email-verified", summary: { repeat: true } });
      return { userId: token.userId, alreadyVerified: true };
    }
    if (token.expiresAt <= s.now) throw domainError("TOKEN_INVALID");

    // Conditional update: of two concurrent clicks exactly one consumes the token.
    const consumed = await s.tx.emailToken.updateMany({ where: { id: token.id, usedAt: null }, data: { usedAt: s.now } });
    if (consumed.count !== 1) throw domainError("TOKEN_INVALID");
    if (!token.user.emailVerifiedAt) {
      await s.tx.user.update({ where: { id: token.userId }, data: { emailVerifiedAt: s.now } });
    }
    s.audit({ ...actor, action: "account.email-verified", summary: {} });
    return { userId: token.userId, alreadyVerified: false };
  },
});
