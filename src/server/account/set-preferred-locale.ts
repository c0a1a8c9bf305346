import { defineUseCase } from "@/server/core";
import { setPreferredLocaleInput } from "./internal/schemas";

/** Remembers the signed-in user's language: mails are written in it. */
export const setPreferredLocale = defineUseCase({
  name: "account.set-preferred-locale",
  input: setPreferredLocaleInput,
  authorize: "signed-in",
  async run(s, input) {
    const userId = s.actor!.userId;
    const before = await s.tx.user.findUniqueOrThrow({ where: { id: userId }, select: { locale: true } });
    if (before.locale !== input.locale) {
      await s.tx.user.update({ where: { id: userId }, data: { locale: input.locale } });
    }
    s.audit({ action: "account.locale-changed", subjectType: "User", subjectId: userId, summary: { from: before.locale, to: input.locale } });
    return { changed: before.locale !== input.locale };
  },
});
