import type { LocalDate } from "./shanghai-time";
import type { CalendarYearData, WorkCalendarData } from "./work-calendar";

/** The shape of the CalendarYear / CalendarDay tables (prisma/schema.prisma), without Prisma types. */
export interface CalendarYearRecord {
  year: number;
  confirmed: boolean;
}
export interface CalendarDayRecord {
  /** A PostgreSQL `date` comes back as a Date at UTC midnight; a string must be "YYYY-MM-DD". */
  date: Date | LocalDate;
  year: number;
  kind: "HOLIDAY" | "MAKEUP_WORKDAY";
  name?: string | null;
}

const toLocalDate = (d: Date | LocalDate): LocalDate => (typeof d === "string" ? d : d.toISOString().slice(0, 10));

/** Stored rows -> calendar data (a year with no day rows still counts, e.g. a confirmed year being built). */
export function calendarDataFromRecords(years: readonly CalendarYearRecord[], days: readonly CalendarDayRecord[]): WorkCalendarData {
  const out: Record<number, { confirmed: boolean; holidays: LocalDate[]; makeupWorkdays: LocalDate[]; names: Record<LocalDate, string> }> = {};
  for (const y of years) out[y.year] = { confirmed: y.confirmed, holidays: [], makeupWorkdays: [], names: {} };
  for (const d of days) {
    const y = out[d.year];
    if (!y) continue; // a day row without its year row cannot be trusted as confirmed
    const date = toLocalDate(d.date);
    (d.kind === "HOLIDAY" ? y.holidays : y.makeupWorkdays).push(date);
    if (d.name) y.names[date] = d.name;
  }
  return { years: out as Record<number, CalendarYearData> };
}

/** Calendar data -> rows to store (one per exception day). */
export function calendarRecordsFromData(data: WorkCalendarData): { years: CalendarYearRecord[]; days: (CalendarDayRecord & { date: LocalDate })[] } {
  const years: CalendarYearRecord[] = [];
  const days: (CalendarDayRecord & { date: LocalDate })[] = [];
  for (const [key, y] of Object.entries(data.years)) {
    const year = Number(key);
    years.push({ year, confirmed: y.confirmed });
    for (const date of y.holidays) days.push({ date, year, kind: "HOLIDAY", name: y.names?.[date] ?? null });
    for (const date of y.makeupWorkdays) days.push({ date, year, kind: "MAKEUP_WORKDAY", name: y.names?.[date] ?? null });
  }
  years.sort((a, b) => a.year - b.year);
  days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { years, days };
}
