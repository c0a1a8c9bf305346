import { addDays, shanghaiDate, startOfShanghaiDay, type LocalDate, type WorkCalendar } from "@/domain/calendar";

/**
 * The support desk's promise (clause 2.4, online customer service): a request waiting for the
 * desk (newly opened, or answered again by its requester) gets an answer within 1 working day.
 *
 * Counted as the agreement's other working-day periods are (test-window.ts, Civil Code art. 201
 * and 203): the day the requester wrote is not counted; the period ends at 24:00 Asia/Shanghai of
 * the first working day of the statutory calendar after it. A request written on Friday evening
 * or on a holiday is therefore due at the end of the next working day, not over the weekend.
 */
export const SUPPORT_ANSWER_WORKING_DAYS = 1;

/** No real calendar has 60 days without a working day; past that the data is broken. */
const MAX_DAYS_SEARCHED = 60;

export interface SupportDeadline {
  /** The first instant the answer is late: 24:00 (= next day's 00:00) Shanghai of the last working day. */
  dueAt: Date;
  lastWorkingDay: LocalDate;
  /** True when a day examined rests on a calendar year without a confirmed State Council notice. */
  provisional: boolean;
}

export function supportAnswerDeadline(waitingSince: Date, calendar: WorkCalendar, workingDays = SUPPORT_ANSWER_WORKING_DAYS): SupportDeadline {
  let day = shanghaiDate(waitingSince);
  let provisional = false;
  let found = 0;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    day = addDays(day, 1);
    const info = calendar.day(day);
    if (!info.confirmed) provisional = true;
    if (info.workday && ++found === workingDays) return { dueAt: startOfShanghaiDay(addDays(day, 1)), lastWorkingDay: day, provisional };
  }
  throw new RangeError(`no ${workingDays} working days within ${MAX_DAYS_SEARCHED} days after ${shanghaiDate(waitingSince)}`);
}

/**
 * Where a waiting request stands on the desk's clock, in whole working days as the desk reads it:
 * - `remaining`: working days still to come after today up to and including the last one
 *   ("剩余 N 个工作日"; 0 = due by the end of today);
 * - `overdue`: past the deadline, by the working days after the last one up to and including today
 *   (0 on a weekend right after a Friday deadline: late, but no working day lost yet).
 */
export type SupportSlaStanding = { state: "remaining"; workingDays: number; dueAt: Date; provisional: boolean } | { state: "overdue"; workingDays: number; dueAt: Date; provisional: boolean };

export function supportSlaStanding(waitingSince: Date, now: Date, calendar: WorkCalendar): SupportSlaStanding {
  const deadline = supportAnswerDeadline(waitingSince, calendar);
  const today = shanghaiDate(now);
  const countWorkdays = (fromExclusive: LocalDate, toInclusive: LocalDate) => {
    let n = 0;
    for (let d = addDays(fromExclusive, 1), i = 0; d <= toInclusive && i < 370; d = addDays(d, 1), i++) if (calendar.isWorkday(d)) n++;
    return n;
  };
  const base = { dueAt: deadline.dueAt, provisional: deadline.provisional };
  if (now.getTime() < deadline.dueAt.getTime()) return { state: "remaining", workingDays: countWorkdays(today, deadline.lastWorkingDay), ...base };
  return { state: "overdue", workingDays: countWorkdays(deadline.lastWorkingDay, today), ...base };
}
