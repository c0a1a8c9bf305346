import type { CalendarYearData, WorkCalendarData } from "@/domain/calendar";
import { createWorkCalendar, type WorkCalendar } from "@/domain/calendar";
import type { PrismaClient } from "@/generated/prisma/client";
import type { Tx } from "@/server/core";

/** A `YYYY-MM-DD` civil date as the UTC midnight Prisma uses for `@db.Date` columns. */
const asDbDate = (d: string) => new Date(`${d}T00:00:00.000Z`);
const fromDbDate = (d: Date) => d.toISOString().slice(0, 10);

/** Replaces one year's days (the notice for a year is published whole; a correction replaces it). */
export async function storeCalendarYear(
  tx: Tx,
  year: number,
  data: CalendarYearData,
  args: { source: string; importedAt: Date },
): Promise<void> {
  await tx.calendarDay.deleteMany({ where: { year } });
  await tx.calendarYear.upsert({
    where: { year },
    create: { year, source: args.source, confirmed: data.confirmed, importedAt: args.importedAt },
    update: { source: args.source, confirmed: data.confirmed, importedAt: args.importedAt },
  });
  const rows = [
    ...data.holidays.map((date) => ({ date: asDbDate(date), year, kind: "HOLIDAY" as const, name: data.names?.[date] ?? null })),
    ...data.makeupWorkdays.map((date) => ({ date: asDbDate(date), year, kind: "MAKEUP_WORKDAY" as const, name: data.names?.[date] ?? null })),
  ];
  if (rows.length > 0) await tx.calendarDay.createMany({ data: rows });
}

/** The calendar as the rules see it, read from the database (the only source at run time). */
export async function loadWorkCalendar(db: PrismaClient | Tx): Promise<WorkCalendar> {
  const [years, days] = await Promise.all([db.calendarYear.findMany(), db.calendarDay.findMany()]);
  const data: Record<number, { confirmed: boolean; holidays: string[]; makeupWorkdays: string[]; names: Record<string, string> }> = {};
  for (const y of years) data[y.year] = { confirmed: y.confirmed, holidays: [], makeupWorkdays: [], names: {} };
  for (const d of days) {
    const bucket = data[d.year];
    if (!bucket) continue;
    const date = fromDbDate(d.date);
    (d.kind === "HOLIDAY" ? bucket.holidays : bucket.makeupWorkdays).push(date);
    if (d.name) bucket.names[date] = d.name;
  }
  return createWorkCalendar({ years: data } satisfies WorkCalendarData);
}
