import { addDays, shanghaiDate, startOfShanghaiDay, type LocalDate } from "./shanghai-time";
import type { WorkCalendar } from "./work-calendar";

/** No real calendar has 60 days without a working day; past that the data is broken. */
const MAX_DAYS_SEARCHED = 60;

export interface WorkingDayPeriod {
  /** The first instant the period is over: 24:00 (= next day's 00:00) Asia/Shanghai of the last working day. */
  endsAt: Date;
  /** The last working day of the period (Shanghai date), the date a person is told ("至 12 月 8 日"). */
  lastWorkingDay: LocalDate;
  /** True when a day examined rests on a calendar year without a confirmed State Council notice. */
  provisional: boolean;
}

/**
 * A period of `workingDays` working days of the statutory calendar starting after `from`, counted
 * as the agreement's other periods are (test-window.ts; Civil Code art. 201 and 203): the day of
 * `from` is not counted, weekends and public holidays are skipped, 调休 make-up days count, and the
 * period ends at 24:00 of its last working day. Submitted on Friday, 3 working days end on
 * Wednesday; submitted the day before a week-long holiday, they end three working days after it.
 */
export function workingDayPeriod(from: Date, workingDays: number, calendar: WorkCalendar): WorkingDayPeriod {
  if (!Number.isInteger(workingDays) || workingDays < 1) throw new RangeError(`workingDays must be a positive integer (got ${workingDays})`);
  let day = shanghaiDate(from);
  let provisional = false;
  let found = 0;
  for (let i = 0; i < MAX_DAYS_SEARCHED + workingDays * 2; i++) {
    day = addDays(day, 1);
    const info = calendar.day(day);
    if (!info.confirmed) provisional = true;
    if (info.workday && ++found === workingDays) return { endsAt: startOfShanghaiDay(addDays(day, 1)), lastWorkingDay: day, provisional };
  }
  throw new RangeError(`no ${workingDays} working days within ${MAX_DAYS_SEARCHED} days after ${shanghaiDate(from)}`);
}
