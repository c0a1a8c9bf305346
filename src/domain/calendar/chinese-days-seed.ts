import chineseDaysData from "chinese-days/dist/chinese-days.json";
import chineseDaysPackage from "chinese-days/package.json";
import { dayOfWeek, yearOf, type LocalDate } from "./shanghai-time";
import type { CalendarYearData, WorkCalendarData } from "./work-calendar";

/**
 * Seed data for the working-day calendar from the `chinese-days` package's own data file (the
 * JSON its README publishes for non-JS users), not from its `isWorkday()`: for a year it has no
 * data, `isWorkday()` silently answers Monday-Friday (2027-01-01 comes back as a working day), and
 * a legal deadline must never rest on that. Reading the data file tells us which years it really
 * covers; only those are marked confirmed.
 *
 * The file maps each date to "English name,中文名,days" under `holidays` (days off, including the
 * weekend days inside a holiday block) and `workdays` (make-up working days). Only the exceptions
 * to Monday-Friday are kept: weekday holidays and weekend working days.
 */
interface ChineseDaysFile {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export const CHINESE_DAYS_SOURCE = `chinese-days@${chineseDaysPackage.version}`;

export interface ChineseDaysSeed extends WorkCalendarData {
  readonly source: string;
  /** Requested years for which the package has no entries (never marked confirmed). */
  readonly yearsWithoutData: readonly number[];
}

/** "New Year's Day,元旦,1" -> "元旦". */
function chineseName(entry: string): string | undefined {
  return entry.split(",")[1]?.trim() || undefined;
}

/**
 * The notice a date belongs to: a New Year arrangement in late December is part of the next
 * year's notice (e.g. 2018-12-29, a working day set by the 2019 notice).
 */
function noticeYear(date: LocalDate, entry: string): number {
  const year = yearOf(date);
  return date.slice(5, 7) === "12" && entry.startsWith("New Year") ? year + 1 : year;
}

export function chineseDaysSeed(fromYear = 2004, toYear = 2026): ChineseDaysSeed {
  const file = chineseDaysData as unknown as ChineseDaysFile;
  const years = new Map<number, { holidays: LocalDate[]; makeupWorkdays: LocalDate[]; names: Record<LocalDate, string> }>();
  const bucket = (y: number) => {
    let b = years.get(y);
    if (!b) years.set(y, (b = { holidays: [], makeupWorkdays: [], names: {} }));
    return b;
  };
  const seen = new Set<number>();

  for (const [date, entry] of Object.entries(file.holidays)) {
    const y = noticeYear(date, entry);
    seen.add(y);
    const dow = dayOfWeek(date);
    if (dow === 0 || dow === 6) continue; // a weekend day off is not an exception
    const b = bucket(y);
    b.holidays.push(date);
    const name = chineseName(entry);
    if (name) b.names[date] = name;
  }
  for (const [date, entry] of Object.entries(file.workdays)) {
    const y = noticeYear(date, entry);
    seen.add(y);
    const b = bucket(y);
    b.makeupWorkdays.push(date);
    const name = chineseName(entry);
    if (name) b.names[date] = `${name}调休上班`;
  }

  const out: Record<number, CalendarYearData> = {};
  const yearsWithoutData: number[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    if (!seen.has(y)) {
      yearsWithoutData.push(y);
      continue;
    }
    const b = bucket(y);
    out[y] = {
      confirmed: true,
      holidays: [...b.holidays].sort(),
      makeupWorkdays: [...b.makeupWorkdays].sort(),
      names: b.names,
    };
  }
  return { source: CHINESE_DAYS_SOURCE, years: out, yearsWithoutData };
}
