import enBase from "../../messages/en.json";
import zhBase from "../../messages/zh-CN.json";
import enConsole from "../../messages/areas/console.en.json";
import zhConsole from "../../messages/areas/console.zh-CN.json";
import enLabels from "../../messages/areas/labels.en.json";
import zhLabels from "../../messages/areas/labels.zh-CN.json";
import enNotices from "../../messages/areas/notices.en.json";
import zhNotices from "../../messages/areas/notices.zh-CN.json";
import enOrganisation from "../../messages/areas/organisation.en.json";
import zhOrganisation from "../../messages/areas/organisation.zh-CN.json";
import enPortal from "../../messages/areas/portal.en.json";
import zhPrivacy from "../../messages/areas/privacy.zh-CN.json";
import enPrivacy from "../../messages/areas/privacy.en.json";
import zhPortal from "../../messages/areas/portal.zh-CN.json";
import enSecurity from "../../messages/areas/security.en.json";
import zhSecurity from "../../messages/areas/security.zh-CN.json";
import type { AppLocale } from "./locales";

/**
 * All UI text by language. The base files hold the shell, accounts and mails; each area of the
 * product keeps its own namespaces in messages/areas/<area>.<locale>.json so that work on one area
 * never edits another's file. Namespaces are top-level keys and must not repeat across files
 * (tests/unit/i18n checks that, and that both languages have the same keys).
 */
export const messageFiles = {
  "zh-CN": { base: zhBase, labels: zhLabels, portal: zhPortal, console: zhConsole, organisation: zhOrganisation, security: zhSecurity, notices: zhNotices, privacy: zhPrivacy },
  en: { base: enBase, labels: enLabels, portal: enPortal, console: enConsole, organisation: enOrganisation, security: enSecurity, notices: enNotices, privacy: enPrivacy },
} as const;

/**
 * Merged once per language and process: the files are part of the build, and next-intl asks for the
 * messages on every request (src/i18n/request.ts). The result is shared: read it, never change it.
 */
const merged = new Map<AppLocale, Readonly<Record<string, unknown>>>();

export function messagesFor(locale: AppLocale): Record<string, unknown> {
  const lang: AppLocale = locale === "en" ? "en" : "zh-CN";
  const known = merged.get(lang);
  if (known) return known as Record<string, unknown>;
  const files = messageFiles[lang];
  const messages: Readonly<Record<string, unknown>> = Object.freeze(Object.assign({}, files.base, files.labels, files.portal, files.console, files.organisation, files.security, files.notices, files.privacy));
  merged.set(lang, messages);
  return messages as Record<string, unknown>;
}
