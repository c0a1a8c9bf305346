import { describe, expect, it } from "vitest";
import { chineseDaysSeed } from "@/domain/calendar/chinese-days-seed";
import {
  createWorkCalendar,
  isDeemedAccepted,
  shanghaiDate,
  startOfShanghaiDay,
  testWindowDeadline,
  CalendarDataError,
  type AcceptanceFacts,
} from "@/domain/calendar";

const calendar = createWorkCalendar(chineseDaysSeed());
/** An instant given in Shanghai local time. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe("Shanghai dates", () => {
  it("do not depend on the machine's time zone", () => {
    expect(shanghaiDate(new Date("2025-09-30T15:59:59.999Z"))).toBe("2025-09-30");
    expect(shanghaiDate(new Date("2025-09-30T16:00:00Z"))).toBe("2025-10-01");
    expect(startOfShanghaiDay("2025-10-01").toISOString()).toBe("2025-09-30T16:00:00.000Z");
  });
});

describe("testWindowDeadline (clause 1.8)", () => {
  it.each([
    // [case, receipt (Shanghai local), deadline = 00:00 Shanghai of this date, last working day]
    ["Monday 23:59: Tue + Wed", "2025-06-09T23:59:00", "2025-06-12", "2025-06-11"],
    ["Tuesday 00:00: Wed + Thu (one working day later)", "2025-06-10T00:00:00", "2025-06-13", "2025-06-12"],
    ["Friday: Mon + Tue", "2025-06-13T15:00:00", "2025-06-18", "2025-06-17"],
    ["Saturday: Mon + Tue", "2025-06-14T10:00:00", "2025-06-18", "2025-06-17"],
    ["Sunday 23:59: Mon + Tue", "2025-06-15T23:59:59", "2025-06-18", "2025-06-17"],
    ["day before National Day 2025: holidays 10-01..10-08, then Thu 10-09 + Fri 10-10", "2025-09-30T09:00:00", "2025-10-11", "2025-10-10"],
    ["Friday 2025-09-26: Sunday 09-28 is a make-up working day", "2025-09-26T12:00:00", "2025-09-30", "2025-09-29"],
    ["on make-up working Sunday 2025-09-28: the receipt day does not count", "2025-09-28T10:00:00", "2025-10-01", "2025-09-30"],
    ["Thursday 2025-10-09: Fri 10-10 + make-up Saturday 10-11", "2025-10-09T10:00:00", "2025-10-12", "2025-10-11"],
    ["on make-up working Saturday 2025-10-11", "2025-10-11T17:00:00", "2025-10-15", "2025-10-14"],
    ["Friday before Spring Festival 2024 (8 days off): Sun 02-18 (make-up) + Mon 02-19", "2024-02-09T16:00:00", "2024-02-20", "2024-02-19"],
    ["Friday before National Day 2022 (7 days off): make-up Sat 10-08 + Sun 10-09", "2022-09-30T11:00:00", "2022-10-10", "2022-10-09"],
  ])("%s", (_case, receipt, deadlineDate, lastWorkingDay) => {
    const w = testWindowDeadline(sh(receipt), calendar);
    expect(w.deadline.toISOString()).toBe(startOfShanghaiDay(deadlineDate).toISOString());
    expect(w.lastWorkingDay).toBe(lastWorkingDay);
    expect(w.provisional).toBe(false);
  });

  it("uses the Shanghai date of receipt: 23:59 and 00:00 Shanghai are different days whatever the UTC date", () => {
    const late = testWindowDeadline(new Date("2025-06-09T15:59:00Z"), calendar); // Mon 23:59 Shanghai
    const midnight = testWindowDeadline(new Date("2025-06-09T16:00:00Z"), calendar); // Tue 00:00 Shanghai
    expect(late.deadline.toISOString()).toBe("2025-06-11T16:00:00.000Z");
    expect(midnight.deadline.toISOString()).toBe("2025-06-12T16:00:00.000Z");
  });

  it("across New Year into a year without data: provisional, and 1 January is not taken as a working day", () => {
    const w = testWindowDeadline(sh("2026-12-30T10:00:00"), calendar);
    expect(w.provisional).toBe(true);
    // Thu 12-31, (Fri 01-01 New Year's Day: fixed-date holiday), Sat, Sun, Mon 01-04.
    expect(w.lastWorkingDay).toBe("2027-01-04");
    expect(w.deadline.toISOString()).toBe(startOfShanghaiDay("2027-01-05").toISOString());
  });

  it("is provisional in late December when the next year is unconfirmed, even if no day crosses the year", () => {
    const w = testWindowDeadline(sh("2026-12-21T10:00:00"), calendar); // Mon; Tue 22 + Wed 23
    expect(w.lastWorkingDay).toBe("2026-12-23");
    expect(w.provisional).toBe(true);
    expect(testWindowDeadline(sh("2025-12-22T10:00:00"), calendar).provisional).toBe(false);
  });

  it("becomes confirmed once the next year's notice is imported", () => {
    const seed = chineseDaysSeed();
    const withDraft2027 = createWorkCalendar({
      years: { ...seed.years, 2027: { confirmed: false, holidays: ["2027-01-01"], makeupWorkdays: [] } },
    });
    expect(testWindowDeadline(sh("2026-12-30T10:00:00"), withDraft2027).provisional).toBe(true);
    const with2027 = createWorkCalendar({
      years: { ...seed.years, 2027: { confirmed: true, holidays: ["2027-01-01"], makeupWorkdays: [] } },
    });
    const w = testWindowDeadline(sh("2026-12-30T10:00:00"), with2027);
    expect(w.provisional).toBe(false);
    expect(w.lastWorkingDay).toBe("2027-01-04");
  });

  it("refuses inconsistent calendar data", () => {
    expect(() => createWorkCalendar({ years: { 2030: { confirmed: true, holidays: [], makeupWorkdays: ["2030-01-02"] } } })).toThrow(
      CalendarDataError,
    );
    expect(() => createWorkCalendar({ years: { 2030: { confirmed: true, holidays: ["2030-02-30"], makeupWorkdays: [] } } })).toThrow(
      CalendarDataError,
    );
  });
});

describe("isDeemedAccepted", () => {
  const receiptAt = sh("2025-09-30T09:00:00");
  const { deadline } = testWindowDeadline(receiptAt, calendar);
  const base: AcceptanceFacts = { receiptAt, deadline, provisional: false, objections: [], explicitAcceptedAt: null };
  const justBefore = new Date(deadline.getTime() - 1);

  it("is deemed from the deadline instant on, not a millisecond before", () => {
    expect(isDeemedAccepted(base, justBefore)).toBe(false);
    expect(isDeemedAccepted(base, deadline)).toBe(true);
  });

  it("is never deemed while the deadline is provisional", () => {
    expect(isDeemedAccepted({ ...base, provisional: true }, new Date(deadline.getTime() + 365 * 86400_000))).toBe(false);
  });

  it("an objection in time blocks it; a late objection does not", () => {
    expect(isDeemedAccepted({ ...base, objections: [{ raisedAt: justBefore }] }, deadline)).toBe(false);
    expect(isDeemedAccepted({ ...base, objections: [{ raisedAt: deadline }] }, deadline)).toBe(true);
  });

  it("an explicit acceptance before the deadline makes it explicit, not deemed; one after it changes nothing", () => {
    expect(isDeemedAccepted({ ...base, explicitAcceptedAt: receiptAt }, deadline)).toBe(false);
    expect(isDeemedAccepted({ ...base, explicitAcceptedAt: new Date(deadline.getTime() + 1000) }, new Date(deadline.getTime() + 2000))).toBe(true);
  });

  it("needs a receipt and a deadline", () => {
    expect(isDeemedAccepted({ ...base, receiptAt: null }, deadline)).toBe(false);
    expect(isDeemedAccepted({ ...base, deadline: null }, deadline)).toBe(false);
  });
});
