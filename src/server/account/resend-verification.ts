import { defineUseCase } from "@/server/core";
import { resendVerificationInput } from "./internal/schemas";
import { issueVerificationMail } from "./internal/verification-mail";

export const VERIFY_MAILS_PER_HOUR = 5;

/** Sends a new verification link; answers the same whether or not there is such an unverified account. */
export const resendVerification = defineUseCase({
  name: "account.resend-verification",
  input: resendVerificationInput,
  authorize: "public",
  async run(s, input): Promise<void> {
    const user = await s.tx.user.findUnique({
      where: { email: input.email },
      select: { id: true, email: true, locale: true, emailVerifiedAt: true, disabledAt: true },
    });
    const base = { action: "account.verification-resent", subjectType: "User", subjectId: user?.id ?? null, actorId: null, actorRoles: [] } as const;
    if (!user || user.emailVerifiedAt || user.disabledAt) {
      s.audit({ ...base, summary: { sent: false } });
      return;
    }
    const hourAgo = new Date(s.now.getTime() - 60 * 60 * 1000);
    const recent = await s.tx.emailToken.count({ where: { userId: user.id, purpose: "VERIFY_EMAIL", createdAt: { gt: hourAgo } } });
    if (recent >= VERIFY_MAILS_PER_HOUR) {
      s.audit({ ...base, summary: { sent: false, reason: "throttled" } });
      return;
    }
    await issueVerificationMail(s, user);
    s.audit({ ...base, summary: { sent: true } });
  },
});
