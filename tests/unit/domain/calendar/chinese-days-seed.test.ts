import { describe, expect, it } from "vitest";
import * as chineseDays from "chinese-days";
import { chineseDaysSeed } from "@/domain/calendar/chinese-days-seed";
import { addDays, checkCalendarData, createWorkCalendar, dayOfWeek } from "@/domain/calendar";

const seed = chineseDaysSeed();

describe("chinese-days seed", () => {
  it("has data for every year 2004-2026 and none for 2027 (the package falls back to Mon-Fri there)", () => {
    expect(Object.keys(seed.years).map(Number)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(seed.yearsWithoutData).toEqual([]);
    expect(seed.source).toBe("chinese-days@1.5.7");
    const wider = chineseDaysSeed(2003, 2027);
    expect(wider.yearsWithoutData).toEqual([2003, 2027]);
    // The trap the seed avoids: the package calls 2027-01-01 (New Year's Day) a working day.
    expect(chineseDays.isWorkday("2027-01-01")).toBe(true);
  });

  it("is consistent data: make-up days on weekends only, no day both kinds", () => {
    expect(checkCalendarData(seed)).toEqual([]);
  });

  // The package's functions depend on the machine's time zone: west of UTC its internal tables
  // (built from "YYYY-MM-DD" strings parsed as UTC, formatted in local time) are a day off, so
  // e.g. under TZ=America/Los_Angeles it calls 2025-10-08 (National Day) a working day and
  // 2025-09-28 (make-up working day) a day off. The seed reads the data file and is immune.
  const westOfUtc = new Date(2025, 9, 1).getTimezoneOffset() > 0;

  it.skipIf(westOfUtc)("agrees with the package's isWorkday on every day 2004-01-01 .. 2026-12-31", () => {
    const cal = createWorkCalendar(seed);
    const mismatches: string[] = [];
    for (let d = "2004-01-01"; d <= "2026-12-31"; d = addDays(d, 1)) {
      // Local noon of the date: a Date is read in the machine's zone, a string as UTC.
      const [y, m, day] = d.split("-").map(Number) as [number, number, number];
      if (cal.isWorkday(d) !== chineseDays.isWorkday(new Date(y, m - 1, day, 12))) mismatches.push(d);
    }
    expect(mismatches).toEqual([]);
  });

  it.runIf(westOfUtc)("(documents the package) west of UTC its answers are a day off; the seed's are not", () => {
    const cal = createWorkCalendar(seed);
    expect(chineseDays.isWorkday(new Date(2025, 9, 8, 12))).toBe(true); // wrong: National Day
    expect(cal.isWorkday("2025-10-08")).toBe(false);
    expect(chineseDays.isWorkday(new Date(2025, 8, 28, 12))).toBe(false); // wrong: make-up working day
    expect(cal.isWorkday("2025-09-28")).toBe(true);
  });

  it("files late-December New Year arrangements under the next year's notice", () => {
    expect(seed.years[2019]!.makeupWorkdays).toContain("2018-12-29");
    expect(seed.years[2019]!.holidays).toContain("2018-12-31");
    expect(seed.years[2018]!.makeupWorkdays).not.toContain("2018-12-29");
    expect(seed.years[2012]!.makeupWorkdays).toContain("2011-12-31");
  });

  it("knows the 2025 National Day block and its make-up days (2025-09-28 is a Sunday, 2025-10-11 a Saturday)", () => {
    const y = seed.years[2025]!;
    expect(y.makeupWorkdays).toEqual(["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]);
    expect(dayOfWeek("2025-09-28")).toBe(0);
    expect(dayOfWeek("2025-10-11")).toBe(6);
    for (const d of ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-06", "2025-10-07", "2025-10-08"]) {
      expect(y.holidays).toContain(d);
    }
    expect(y.names?.["2025-10-01"]).toBe("国庆节");
    expect(y.names?.["2025-09-28"]).toBe("国庆节调休上班");
  });

  it("has the 2026 arrangements of the State Council notice", () => {
    expect(seed.years[2026]!.makeupWorkdays).toEqual(["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]);
  });

  it("every year has at least the New Year, Spring Festival and National Day breaks", () => {
    for (const [year, y] of Object.entries(seed.years)) {
      const names = new Set(Object.values(y.names ?? {}));
      for (const n of ["春节", "国庆节"]) expect(names, `${year} ${n}`).toContain(n);
      expect(y.holidays.length, year).toBeGreaterThanOrEqual(10);
    }
  });
});

describe("calendar records (database rows)", () => {
  it("round-trips the seed through rows, with dates as the database returns them", async () => {
    const { calendarDataFromRecords, calendarRecordsFromData } = await import("@/domain/calendar");
    const rows = calendarRecordsFromData(seed);
    expect(rows.years).toHaveLength(23);
    expect(new Set(rows.days.map((d) => d.date)).size).toBe(rows.days.length); // a date is one row (date is the key)
    const back = calendarDataFromRecords(
      rows.years,
      rows.days.map((d) => ({ ...d, date: new Date(`${d.date}T00:00:00Z`) })),
    );
    const a = createWorkCalendar(seed);
    const b = createWorkCalendar(back);
    for (let d = "2004-01-01"; d <= "2027-01-10"; d = addDays(d, 1)) {
      expect(b.day(d)).toEqual(a.day(d));
    }
  });
});
