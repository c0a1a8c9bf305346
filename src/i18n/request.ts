import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DISPLAY_TIME_ZONE, LOCALE_COOKIE, resolveLocale, type AppLocale } from "./locales";
import { messagesFor } from "./messages";

// No locale in the URL: links stay the same in both languages and a shared link opens in the
// reader's language. The choice lives in a cookie set by the language switch.
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return {
    locale,
    messages: await loadMessages(locale),
    timeZone: DISPLAY_TIME_ZONE,
  };
});

async function loadMessages(locale: AppLocale) {
  return messagesFor(locale);
}
