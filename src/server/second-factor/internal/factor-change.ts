import { factorChangeStanding, type FactorChangeStanding } from "@/server/auth";
import { type Actor, type Tx, type UseCaseScope, domainError } from "@/server/core";
import { enrolledFactors, hasSecondFactor } from "./factors";

/** Which change was asked for, in the refusal's audit event. */
export type FactorChange = "totp-start" | "totp-confirm" | "passkey-add" | "recovery-codes" | "remove";

type Enrolled = { totp: boolean; passkeys: number };

/** What the account has enrolled now, and whether this actor may change it (factorChangeStanding in src/server/auth decides). */
export async function factorChangeOf(db: Tx, actor: Actor): Promise<{ enrolled: Enrolled; standing: FactorChangeStanding }> {
  const enrolled = await enrolledFactors(db, actor.userId);
  return { enrolled, standing: factorChangeStanding({ enrolled: hasSecondFactor(enrolled) }, actor) };
}

/** For a step outside a use case (a passkey's registration challenge): refuses before it writes anything. */
export async function assertFactorChangeAllowed(db: Tx, actor: Actor): Promise<void> {
  if ((await factorChangeOf(db, actor)).standing === "second-factor-session-required") throw domainError("SECOND_FACTOR_SESSION_REQUIRED");
}

/**
 * The first step of every use case that changes the actor's own second factors. A refusal is
 * audited and committed (a session without the second factor reaching for an enrolled account's
 * factors may be someone holding only the password) and nothing else is written, because this
 * runs before the use case's first write. Returns the actor's id and what the account has enrolled.
 */
export async function requireFactorChangeAllowed(s: UseCaseScope, change: FactorChange): Promise<{ userId: string; enrolled: Enrolled }> {
  const actor = s.actor!;
  const { enrolled, standing } = await factorChangeOf(s.tx, actor);
  if (standing === "second-factor-session-required") {
    s.audit({ action: "second-factor.change-refused", subjectType: "User", subjectId: actor.userId, summary: { change, reason: standing } });
    return s.rejectAfterCommit(domainError("SECOND_FACTOR_SESSION_REQUIRED"));
  }
  return { userId: actor.userId, enrolled };
}
