"use server";

import { cookies } from "next/headers";
import { LOCALE_COOKIE, isAppLocale } from "@/i18n/locales";
import { setPreferredLocale } from "@/server/account/set-preferred-locale";
import { serviceContext } from "@/server/web/service-context";
import { getSessionUser } from "@/server/web/session";
import { logger } from "@/server/core/logger";

/**
 * The language switch. Sets the cookie the request config reads (the page re-renders in the
 * new language at once) and, for a signed-in user, remembers it on the account for mails.
 */
export async function switchLocale(formData: FormData): Promise<void> {
  const locale = formData.get("locale");
  if (!isAppLocale(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 60 * 60 * 24 * 365, sameSite: "lax", httpOnly: false });
  const user = await getSessionUser();
  if (user && user.locale !== locale) {
    try {
      await setPreferredLocale(await serviceContext(user), { locale });
    } catch (err) {
      // The cookie already switched the page; the stored preference can follow next time.
      logger.warn({ err, area: "locale" }, "could not store the preferred locale");
    }
  }
}
