/**
 * Calendar dates in China's legal time, independent of the machine's time zone.
 *
 * Asia/Shanghai has been UTC+8 without daylight saving since 1991 (China observed DST only in
 * 1986-1991), and every date this portal computes with is later than that, so a fixed offset is
 * exact and avoids depending on the ICU/tzdata build of the runtime (browsers and slim Node
 * images differ).
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date as "YYYY-MM-DD". */
export type LocalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === value;
}

function utcMidnight(date: LocalDate): number {
  const m = DATE_RE.exec(date);
  if (!m || !isLocalDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The date in Shanghai at a given instant. */
export function shanghaiDate(instant: Date): LocalDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError("invalid Date");
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant 00:00 Shanghai time begins on `date`. */
export function startOfShanghaiDay(date: LocalDate): Date {
  return new Date(utcMidnight(date) - SHANGHAI_OFFSET_MS);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday ... 6 = Saturday, as Date.getDay(). */
export function dayOfWeek(date: LocalDate): number {
  return new Date(utcMidnight(date)).getUTCDay();
}

export function yearOf(date: LocalDate): number {
  return Number(date.slice(0, 4));
}
