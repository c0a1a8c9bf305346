import { redirect } from "next/navigation";
import { getLocale } from "next-intl/server";
import { catalogLang } from "@/i18n/locales";
import { serviceContext } from "@/server/auth/service-context";
import { signedErrorQuery } from "@/server/auth/signed-outcome";
import type { ServiceContext } from "@/server/core/context";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { logger } from "@/server/logger";

/** A form field as text ("" when missing). */
export const field = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};

/** Only paths inside the consoles are used as the page to come back to. */
function back(form: FormData): string {
  const p = field(form, "back");
  return /^\/(ra|admin|audit)(\/[\w\-/]*)?$/.test(p) ? p : "/ra";
}

/**
 * Runs one use case for a console form and comes back to the page with the outcome in the query
 * (?ok=<key> or ?error=<signed message>), so the pages work without client code and a reload never
 * repeats the action (post/redirect/get).
 */
export async function runConsoleAction(form: FormData, okKey: string, call: (ctx: ServiceContext) => Promise<unknown>, next?: (result: unknown) => string | undefined): Promise<never> {
  const target = back(form);
  let location: string;
  try {
    const result = await call(await serviceContext());
    location = `${next?.(result) ?? target}?ok=${encodeURIComponent(okKey)}`;
  } catch (e) {
    const lang = catalogLang(await getLocale());
    if (!isDomainError(e)) logger.error({ err: e, area: "console" }, "console action failed");
    const message = isDomainError(e) ? errorMessage(e.code, lang, e.details) : errorMessage("INTERNAL", lang);
    location = `${target}?${await signedErrorQuery(message)}`;
  }
  redirect(location);
}
