import en from "../../messages/en.json";
import zh from "../../messages/zh-CN.json";
import { DISPLAY_TIME_ZONE } from "./locales";

const parts = new Intl.DateTimeFormat("en-GB", {
  timeZone: DISPLAY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function pieces(date: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/**
 * "2026-11-24 22:15（北京时间 UTC+8）" / "2026-11-24 22:15 (Beijing time, UTC+8)".
 * Always Beijing time, whatever the server's or browser's zone, with the zone named so a
 * deadline is never ambiguous. Works the same on the server and in the browser. The zone is named
 * as the footer names it ("北京时间" / "Beijing time"); Chinese takes full-width brackets, which
 * need no space before the text that follows ("…（北京时间 UTC+8）有效"), English a space and ASCII ones.
 */
export function formatDateTime(
  date: Date | string | number,
  locale: string,
  opts: { seconds?: boolean; zone?: boolean } = {},
): string {
  const p = pieces(new Date(date));
  const time = opts.seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`;
  const text = `${p.year}-${p.month}-${p.day} ${time}`;
  if (opts.zone === false) return text;
  return locale === "en" ? `${text} (${en.time.zoneSuffix})` : `${text}（${zh.time.zoneSuffix}）`;
}

/** Calendar date in Beijing time, e.g. for "valid until" lines. */
export function formatDate(date: Date | string | number): string {
  const p = pieces(new Date(date));
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * An amount kept in fen (cents), as a reader says it: "300.00 元" / "CNY 300.00", digits grouped
 * ("1,200.00 元"). The one place money is turned into words; amounts are stored and computed in fen.
 */
export function formatYuan(cents: number, locale: string): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const amount = `${negative ? "-" : ""}${whole}.${String(abs % 100).padStart(2, "0")}`;
  return locale === "en" ? `CNY ${amount}` : `${amount} 元`;
}
