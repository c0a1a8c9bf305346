import { defineUseCase, domainError } from "@/server/core";
import { hashPassword, passwordPolicyViolation } from "./password";
import { signUpInput } from "./internal/schemas";
import { issueVerificationMail } from "./internal/verification-mail";
import { assertNotInCessation } from "@/server/privacy";

/**
 * Creates a subscriber account that cannot sign in until its address is verified; the
 * verification mail is queued in the same transaction.
 */
export const signUp = defineUseCase({
  name: "account.sign-up",
  input: signUpInput,
  authorize: "public",
  async run(s, input) {
    // Clause 6 / cessation mode: no new personal data is collected once the CA is ceasing.
    await assertNotInCessation(s.tx);
    const rule = passwordPolicyViolation(input.password, input.email);
    if (rule) throw domainError("WEAK_PASSWORD", { rule });

    const existing = await s.tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw domainError("EMAIL_TAKEN");

    const user = await s.tx.user.create({
      data: {
        email: input.email,
        passwordHash: await hashPassword(input.password),
        displayName: input.displayName || null,
        locale: input.locale,
        roles: ["SUBSCRIBER"],
      },
      select: { id: true, email: true, locale: true },
    });
    await issueVerificationMail(s, user);

    // No address in the audit summary: the chain is immutable, personal data must stay erasable.
    s.audit({
      action: "account.sign-up",
      subjectType: "User",
      subjectId: user.id,
      actorId: user.id,
      actorRoles: ["SUBSCRIBER"],
      summary: { locale: input.locale, roles: ["SUBSCRIBER"] },
    });
    return { userId: user.id };
  },
});
