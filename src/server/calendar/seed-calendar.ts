import { chineseDaysSeed } from "@/domain/calendar/chinese-days-seed";
import type { PrismaClient } from "@/generated/prisma/client";
import { defineSystemTask } from "@/server/core";
import { storeCalendarYear } from "./calendar-store";

/**
 * Stores the statutory calendar years the `chinese-days` package really has data for, and only
 * those not already in the database: a year an administrator imported or corrected is never
 * overwritten by the package. Idempotent.
 */
export async function seedCalendarFromPackage(db: PrismaClient, now: Date): Promise<number[]> {
  return seedCalendar({ db, clock: { now: () => now } }, undefined);
}

const seedCalendar = defineSystemTask({
  name: "calendar.seed",
  timeoutMs: 120_000,
  async run(s): Promise<number[]> {
    const seed = chineseDaysSeed(2004, s.now.getUTCFullYear() + 1);
    await s.tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${0x5eed_ca1e})`);
    const existing = new Set((await s.tx.calendarYear.findMany({ select: { year: true } })).map((y) => y.year));
    const added: number[] = [];
    for (const [yearKey, data] of Object.entries(seed.years)) {
      const year = Number(yearKey);
      if (existing.has(year)) continue;
      await storeCalendarYear(s.tx, year, data, { source: seed.source, importedAt: s.now });
      added.push(year);
    }
    if (added.length === 0) s.nothingToRecord();
    else s.audit({ action: "calendar.seeded", subjectType: "CalendarYear", subjectId: null, summary: { source: seed.source, years: added } });
    return added;
  },
});
