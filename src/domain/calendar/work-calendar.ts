import { dayOfWeek, isLocalDate, yearOf, type LocalDate } from "./shanghai-time";

/**
 * One year of the Chinese statutory calendar, as announced by the State Council's notice for that
 * year (国务院办公厅关于某年部分节假日安排的通知). Only the exceptions to "Monday to Friday" matter:
 * days off on weekdays and make-up working days (调休) on weekends. A notice can reach back into
 * the last days of the previous December (e.g. the 2019 notice made 2018-12-29 a working day);
 * such dates are listed under the notice's year.
 */
export interface CalendarYearData {
  /** True once an administrator (or a maintained source) has the State Council notice for the year. */
  readonly confirmed: boolean;
  readonly holidays: readonly LocalDate[];
  readonly makeupWorkdays: readonly LocalDate[];
  /** Optional display names, e.g. { "2025-10-01": "国庆节" }. */
  readonly names?: Readonly<Record<LocalDate, string>>;
}

export interface WorkCalendarData {
  readonly years: Readonly<Record<number, CalendarYearData>>;
}

export type DayKind = "WORKDAY" | "WEEKEND" | "HOLIDAY" | "MAKEUP_WORKDAY";

export interface DayInfo {
  readonly date: LocalDate;
  readonly kind: DayKind;
  readonly workday: boolean;
  /** False when the day's status rests on a guess (no confirmed notice covers it). */
  readonly confirmed: boolean;
  readonly name?: string;
}

export interface WorkCalendar {
  day(date: LocalDate): DayInfo;
  isWorkday(date: LocalDate): boolean;
  /** The years that have confirmed data, ascending. */
  confirmedYears(): number[];
}

/**
 * From this day of December on, a date also depends on the NEXT year's notice (New Year
 * arrangements have moved days as early as 12-29 in 2006, 2007 and 2018). Dec 20 leaves a margin.
 */
export const LATE_DECEMBER_FROM_DAY = 20;

/**
 * Fixed-date statutory holidays (全国年节及纪念日放假办法, as amended in 2024: New Year's Day,
 * 1-2 May, 1-3 October). Used only to make a PROVISIONAL estimate for a year without data better
 * than bare Monday-Friday; the lunar holidays cannot be guessed this way, which is why such a
 * deadline stays provisional whatever this list says.
 */
const FIXED_HOLIDAYS_MMDD = new Set(["01-01", "05-01", "05-02", "10-01", "10-02", "10-03"]);

export type CalendarDataProblem =
  | { code: "CALENDAR_BAD_DATE"; year: number; value: string }
  | { code: "CALENDAR_DATE_OUTSIDE_YEAR"; year: number; date: LocalDate }
  | { code: "CALENDAR_MAKEUP_NOT_WEEKEND"; year: number; date: LocalDate }
  | { code: "CALENDAR_DAY_BOTH_KINDS"; year: number; date: LocalDate };

/**
 * Checks calendar data before it is used or stored (an administrator's import for a new year goes
 * through here). A date may belong to the notice year or to the December before it.
 */
export function checkCalendarData(data: WorkCalendarData): CalendarDataProblem[] {
  const problems: CalendarDataProblem[] = [];
  for (const [key, y] of Object.entries(data.years)) {
    const year = Number(key);
    const holidays = new Set(y.holidays);
    for (const value of [...y.holidays, ...y.makeupWorkdays]) {
      if (!isLocalDate(value)) {
        problems.push({ code: "CALENDAR_BAD_DATE", year, value });
        continue;
      }
      const inYear = yearOf(value) === year;
      const lateDecemberBefore = yearOf(value) === year - 1 && value.slice(5, 7) === "12" && Number(value.slice(8)) >= LATE_DECEMBER_FROM_DAY;
      if (!inYear && !lateDecemberBefore) problems.push({ code: "CALENDAR_DATE_OUTSIDE_YEAR", year, date: value });
    }
    for (const d of y.makeupWorkdays) {
      if (!isLocalDate(d)) continue;
      const dow = dayOfWeek(d);
      if (dow !== 0 && dow !== 6) problems.push({ code: "CALENDAR_MAKEUP_NOT_WEEKEND", year, date: d });
      if (holidays.has(d)) problems.push({ code: "CALENDAR_DAY_BOTH_KINDS", year, date: d });
    }
  }
  return problems;
}

export class CalendarDataError extends Error {
  readonly code = "CALENDAR_DATA_INVALID";
  constructor(readonly problems: readonly CalendarDataProblem[]) {
    super(`invalid calendar data: ${problems.map((p) => `${p.code}(${p.year})`).join(", ")}`);
    this.name = "CalendarDataError";
  }
}

/** Builds a calendar from data; refuses inconsistent data rather than computing wrong deadlines. */
export function createWorkCalendar(data: WorkCalendarData): WorkCalendar {
  const problems = checkCalendarData(data);
  if (problems.length > 0) throw new CalendarDataError(problems);

  const exceptions = new Map<LocalDate, { kind: "HOLIDAY" | "MAKEUP_WORKDAY"; name?: string }>();
  for (const y of Object.values(data.years)) {
    for (const d of y.holidays) exceptions.set(d, { kind: "HOLIDAY", name: y.names?.[d] });
    for (const d of y.makeupWorkdays) exceptions.set(d, { kind: "MAKEUP_WORKDAY", name: y.names?.[d] });
  }
  const yearData = (year: number): CalendarYearData | undefined => data.years[year];
  const isConfirmedYear = (year: number) => yearData(year)?.confirmed === true;

  const day = (date: LocalDate): DayInfo => {
    const year = yearOf(date);
    const lateDecember = date.slice(5, 7) === "12" && Number(date.slice(8)) >= LATE_DECEMBER_FROM_DAY;
    const confirmed = isConfirmedYear(year) && (!lateDecember || isConfirmedYear(year + 1));
    const exception = exceptions.get(date);
    if (exception) {
      const base = { date, kind: exception.kind, workday: exception.kind === "MAKEUP_WORKDAY", confirmed };
      return exception.name === undefined ? base : { ...base, name: exception.name };
    }
    if (yearData(year) === undefined && FIXED_HOLIDAYS_MMDD.has(date.slice(5))) {
      return { date, kind: "HOLIDAY", workday: false, confirmed: false };
    }
    const dow = dayOfWeek(date);
    const weekend = dow === 0 || dow === 6;
    return { date, kind: weekend ? "WEEKEND" : "WORKDAY", workday: !weekend, confirmed };
  };

  return {
    day,
    isWorkday: (date) => day(date).workday,
    confirmedYears: () =>
      Object.entries(data.years)
        .filter(([, y]) => y.confirmed)
        .map(([k]) => Number(k))
        .sort((a, b) => a - b),
  };
}
