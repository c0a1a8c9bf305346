import { defineUseCase, domainError } from "@/server/core";
import { hashPassword, passwordPolicyViolation } from "./password";
import { signUpInput } from "./internal/schemas";
import { issueVerificationMail } from "./internal/verification-mail";
import { tellOwnerOfSignUpAttempt } from "./internal/existing-address-mail";
import { assertNotInCessation } from "@/server/privacy";

/**
 * Creates a subscriber account that cannot sign in until its address is verified; the
 * verification mail is queued in the same transaction.
 *
 * An address that already has an account gets the same answer (issue 15: "该邮箱已注册" told
 * anyone which addresses have accounts) after the same password hashing, so neither the words
 * nor the timing tell; the owner is mailed instead that someone tried to register with it, with
 * the way to sign in or reset the password. The result names no account in either case.
 */
export const signUp = defineUseCase({
  name: "account.sign-up",
  input: signUpInput,
  authorize: "public",
  async run(s, input): Promise<{ email: string }> {
    // Clause 6 / cessation mode: no new personal data is collected once the CA is ceasing.
    await assertNotInCessation(s.tx);
    const rule = passwordPolicyViolation(input.password, input.email);
    if (rule) throw domainError("WEAK_PASSWORD", { rule });

    const existing = await s.tx.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, locale: true, roles: true, disabledAt: true } });
    // Hashed either way: the argon2 work is most of the answer's time.
    const passwordHash = await hashPassword(input.password);
    if (existing) {
      await tellOwnerOfSignUpAttempt(s, existing);
      return { email: input.email };
    }

    const user = await s.tx.user.create({
      data: {
        email: input.email,
        passwordHash,
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
    return { email: user.email };
  },
});
