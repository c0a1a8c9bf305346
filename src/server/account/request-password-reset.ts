import { defineUseCase } from "@/server/core";
import { requestPasswordResetInput } from "./internal/schemas";
import { newLinkToken, RESET_PASSWORD_TTL_MS } from "./internal/tokens";

/** At most this many reset mails per account per hour, so the form cannot be used to flood an inbox. */
export const RESET_MAILS_PER_HOUR = 5;

/**
 * Always answers the same (nothing), whether or not the address has an account; only the audit
 * log records which case it was. A new link replaces any earlier unused one.
 */
export const requestPasswordReset = defineUseCase({
  name: "account.request-password-reset",
  input: requestPasswordResetInput,
  authorize: "public",
  async run(s, input): Promise<void> {
    const user = await s.tx.user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, locale: true, disabledAt: true, roles: true },
    });
    if (!user || user.disabledAt) {
      s.audit({ action: "account.password-reset-requested", subjectType: "User", subjectId: user?.id ?? null, actorId: null, actorRoles: [], summary: { sent: false, reason: user ? "disabled" : "unknown-account" } });
      return;
    }

    const hourAgo = new Date(s.now.getTime() - 60 * 60 * 1000);
    const recent = await s.tx.emailToken.count({ where: { userId: user.id, purpose: "RESET_PASSWORD", createdAt: { gt: hourAgo } } });
    if (recent >= RESET_MAILS_PER_HOUR) {
      s.audit({ action: "account.password-reset-requested", subjectType: "User", subjectId: user.id, actorId: null, actorRoles: [], summary: { sent: false, reason: "throttled" } });
      return;
    }

    await s.tx.emailToken.updateMany({
      where: { userId: user.id, purpose: "RESET_PASSWORD", usedAt: null, expiresAt: { gt: s.now } },
      data: { expiresAt: s.now },
    });
    const { token, tokenHash } = newLinkToken();
    const row = await s.tx.emailToken.create({
      data: { userId: user.id, purpose: "RESET_PASSWORD", tokenHash, expiresAt: new Date(s.now.getTime() + RESET_PASSWORD_TTL_MS), createdAt: s.now },
      select: { id: true },
    });
    await s.notify({
      userId: user.id,
      toAddress: user.email,
      // The account's language, not the form's: the mail may be read later, elsewhere.
      locale: user.locale,
      template: "account.reset-password",
      payload: { path: `/reset-password?token=${token}` },
      dedupeKey: `account.reset-password:${row.id}`,
    });
    s.audit({ action: "account.password-reset-requested", subjectType: "User", subjectId: user.id, actorId: null, actorRoles: [], summary: { sent: true } });
  },
});
