import { describe, expect, it } from "vitest";
import { createWorkCalendar } from "@/domain/calendar";
import { supportAnswerDeadline, supportSlaStanding } from "@/domain/support";

// 2026: Thursday 1 October to Wednesday 7 October are the National Day holiday, Saturday 10 October a make-up working day.
const calendar = createWorkCalendar({
  years: {
    2026: { confirmed: true, holidays: ["2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"], makeupWorkdays: ["2026-10-10"] },
    2027: { confirmed: true, holidays: [], makeupWorkdays: [] },
  },
});
const at = (shanghai: string) => new Date(`${shanghai}+08:00`);

describe("the support desk's answer clock (1 working day, Civil Code counting)", () => {
  it.each([
    ["a Monday request is due at the end of Tuesday", "2026-03-02T10:00:00", "2026-03-04T00:00:00", "2026-03-03"],
    ["one written at 23:59 on Monday too", "2026-03-02T23:59:00", "2026-03-04T00:00:00", "2026-03-03"],
    ["one written at 00:00 on Tuesday a day later", "2026-03-03T00:00:00", "2026-03-05T00:00:00", "2026-03-04"],
    ["a Friday request is due at the end of Monday, not over the weekend", "2026-03-06T18:00:00", "2026-03-10T00:00:00", "2026-03-09"],
    ["a request before National Day waits for the holiday to pass", "2026-09-30T12:00:00", "2026-10-09T00:00:00", "2026-10-08"],
    ["a make-up Saturday counts as a working day", "2026-10-09T09:00:00", "2026-10-11T00:00:00", "2026-10-10"],
  ])("%s", (_name, written, due, lastWorkingDay) => {
    const d = supportAnswerDeadline(at(written), calendar);
    expect(d.dueAt).toEqual(at(due));
    expect(d.lastWorkingDay).toBe(lastWorkingDay);
    expect(d.provisional).toBe(false);
  });

  it.each([
    ["1 working day left on the day it was written", "2026-03-06T18:00:00", "2026-03-06T19:00:00", { state: "remaining", workingDays: 1 }],
    ["still 1 over the weekend", "2026-03-06T18:00:00", "2026-03-08T12:00:00", { state: "remaining", workingDays: 1 }],
    ["0 (due today) on the last working day", "2026-03-06T18:00:00", "2026-03-09T23:59:59", { state: "remaining", workingDays: 0 }],
    ["overdue by 1 working day the day after", "2026-03-06T18:00:00", "2026-03-10T00:00:00", { state: "overdue", workingDays: 1 }],
    ["overdue by 0 working days on the weekend after a Friday deadline", "2026-03-05T09:00:00", "2026-03-07T09:00:00", { state: "overdue", workingDays: 0 }],
    ["overdue by 5 working days a week later", "2026-03-02T10:00:00", "2026-03-10T10:00:00", { state: "overdue", workingDays: 5 }],
  ])("%s", (_name, written, now, expected) => {
    expect(supportSlaStanding(at(written), at(now), calendar)).toMatchObject(expected);
  });

  it("is provisional when the year has no confirmed calendar", () => {
    expect(supportAnswerDeadline(at("2028-03-02T10:00:00"), calendar).provisional).toBe(true);
  });
});
