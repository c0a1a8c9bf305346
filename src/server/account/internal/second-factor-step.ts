import { type UseCaseScope, domainError } from "@/server/core";
import type { AuthMethod, Role } from "@/server/auth";
import { authMethodOf, checkSignInFactor, type SecondFactorAnswer } from "@/server/second-factor";
import { recordSignInAttempt } from "./rate-limit";

type AuditedSignIn = { secondFactor?: "totp" | "recovery-code" | "passkey"; recoveryCodesLeft?: number };

/**
 * The sign-in's second step, after a right password: an account with a second factor must answer
 * it in the same request, so a password alone never yields a session of an enrolled account. A
 * missing answer is not a guess (the form then asks for it); a wrong one counts towards the same
 * limit as a wrong password and is audited, the code itself never.
 */
export async function secondFactorStep(
  s: UseCaseScope,
  user: { id: string; roles: Role[] },
  answer: SecondFactorAnswer,
  limitKey: { emailKey: string; ip: string | null },
): Promise<{ amr: AuthMethod[]; summary: AuditedSignIn }> {
  const subject = { subjectType: "User", subjectId: user.id, actorId: null, actorRoles: [] } as const;
  const outcome = await checkSignInFactor(s.tx, s.now, user.id, answer);
  switch (outcome.kind) {
    case "none-enrolled":
      return { amr: ["pwd"], summary: {} };
    case "missing": {
      const enrolled = { totp: !!(await s.tx.totpFactor.count({ where: { userId: user.id, confirmedAt: { not: null } } })), passkeys: await s.tx.passkey.count({ where: { userId: user.id } }) };
      s.audit({ ...subject, action: "second-factor.requested", summary: { enrolled } });
      return s.rejectAfterCommit(domainError("SECOND_FACTOR_REQUIRED"));
    }
    case "failed":
      await recordSignInAttempt(s.tx, s.now, limitKey.emailKey, limitKey.ip, false);
      s.audit({ ...subject, action: "second-factor.code-failed", summary: { method: outcome.method, during: "sign-in", reason: outcome.reason } });
      return s.rejectAfterCommit(domainError("SECOND_FACTOR_INVALID"));
    case "ok":
      return {
        amr: ["pwd", authMethodOf(outcome.method)],
        summary: { secondFactor: outcome.method, ...(outcome.recoveryCodesLeft !== undefined ? { recoveryCodesLeft: outcome.recoveryCodesLeft } : {}) },
      };
  }
}
