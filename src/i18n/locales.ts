/** The portal's languages. Chinese first: it is the default for anyone we cannot place. */
export const locales = ["zh-CN", "en"] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = "zh-CN";

/** The cookie the language switch writes; same name next-intl's own routing would use. */
export const LOCALE_COOKIE = "NEXT_LOCALE";

/** The one time zone every date is shown in (the CA operates on Beijing time). */
export const DISPLAY_TIME_ZONE = "Asia/Shanghai";

export function isAppLocale(value: unknown): value is AppLocale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/**
 * Picks the best locale from an Accept-Language header: any Chinese variant maps to zh-CN
 * (we only have Simplified), any English variant to en, ordered by the header's q-values.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): AppLocale | null {
  if (!header) return null;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const weight = q ? Number.parseFloat(q.slice(2)) : 1;
      return { tag: tag.toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "zh" || tag.startsWith("zh-")) return "zh-CN";
    if (tag === "en" || tag.startsWith("en-")) return "en";
  }
  return null;
}

/** Cookie first (an explicit choice), then the browser's preference, then Chinese. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null): AppLocale {
  if (isAppLocale(cookieValue)) return cookieValue;
  return localeFromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

/** The two-letter language the server's error catalog uses. */
export function catalogLang(locale: string): "zh" | "en" {
  return locale === "en" ? "en" : "zh";
}
