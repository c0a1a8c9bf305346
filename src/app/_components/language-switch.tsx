import { getLocale, getTranslations } from "next-intl/server";
import { switchLocale } from "@/app/actions/locale";
import { locales } from "@/i18n/locales";

/**
 * 中文 / English on every page. A plain form posting to a server action: works without
 * JavaScript, and the page comes back in the chosen language at the same address.
 */
export async function LanguageSwitch() {
  const [locale, t] = await Promise.all([getLocale(), getTranslations("common")]);
  return (
    <form action={switchLocale} className="flex items-center" data-testid="language-switch">
      <div role="group" aria-label={t("language")} className="flex overflow-hidden rounded-md border border-slate-300 text-sm">
        {locales.map((l) => {
          const name = t(`languageNames.${l}`);
          const current = l === locale;
          return (
            <button
              key={l}
              type="submit"
              name="locale"
              value={l}
              lang={l}
              aria-pressed={current}
              title={current ? undefined : t("switchTo", { language: name })}
              className={
                current
                  ? "min-h-9 bg-brand-700 px-3 font-medium text-white"
                  : "min-h-9 bg-white px-3 font-medium text-slate-800 hover:bg-slate-100"
              }
            >
              {name}
            </button>
          );
        })}
      </div>
    </form>
  );
}
