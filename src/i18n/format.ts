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
 * "2026-11-24 22:15 (北京时间 UTC+8)" / "2026-11-24 22:15 (China Standard Time, UTC+8)".
 * Always Beijing time, whatever the server's or browser's zone, with the zone named so a
 * deadline is never ambiguous. Works the same on the server and in the browser.
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
  const zone = locale === "en" ? en.time.zoneSuffix : zh.time.zoneSuffix;
  return `${text} (${zone})`;
}

/** Calendar date in Beijing time, e.g. for "valid until" lines. */
export function formatDate(date: Date | string | number): string {
  const p = pieces(new Date(date));
  return `${p.year}-${p.month}-${p.day}`;
}
