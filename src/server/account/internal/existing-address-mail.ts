import type { Role } from "@/generated/prisma/client";
import type { UseCaseScope } from "@/server/core";

/** At most one "someone tried to register with your address" mail per account in this time, so the form cannot flood an inbox. */
export const EXISTING_ADDRESS_MAIL_INTERVAL_MS = 60 * 60 * 1000;
const TEMPLATE = "account.sign-up-existing";

/**
 * A sign-up named an address that already has an account: its owner is told (in the account's
 * language), with the sign-in page, where "忘记密码" resets the password. A disabled account is
 * not mailed, like a reset request for it. Audited either way, without the address.
 */
export async function tellOwnerOfSignUpAttempt(
  s: UseCaseScope,
  owner: { id: string; email: string; locale: string; roles: Role[]; disabledAt: Date | null },
): Promise<void> {
  const who = { subjectType: "User", subjectId: owner.id, actorId: null, actorRoles: [] } as const;
  if (owner.disabledAt) {
    s.audit({ ...who, action: "account.sign-up-existing-address", summary: { mailed: false, reason: "disabled" } });
    return;
  }
  const since = new Date(s.now.getTime() - EXISTING_ADDRESS_MAIL_INTERVAL_MS);
  const recent = await s.tx.notification.count({ where: { userId: owner.id, template: TEMPLATE, createdAt: { gt: since } } });
  if (recent > 0) {
    s.audit({ ...who, action: "account.sign-up-existing-address", summary: { mailed: false, reason: "throttled" } });
    return;
  }
  await s.notify({
    userId: owner.id,
    toAddress: owner.email,
    locale: owner.locale,
    template: TEMPLATE,
    payload: { at: s.now.toISOString(), path: "/sign-in" },
    dedupeKey: `${TEMPLATE}:${owner.id}:${s.now.getTime()}`,
  });
  s.audit({ ...who, action: "account.sign-up-existing-address", summary: { mailed: true } });
}
