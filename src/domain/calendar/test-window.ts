import { addDays, shanghaiDate, startOfShanghaiDay, type LocalDate } from "./shanghai-time";
import type { WorkCalendar } from "./work-calendar";

/** Clause 1.8: the subscriber tests the certificate within 2 working days after receiving it. */
export const TEST_WINDOW_WORKING_DAYS = 2;

/** No real calendar has 60 days without a working day; past that the data is broken. */
const MAX_DAYS_SEARCHED = 60;

export interface TestWindow {
  /** The first instant at which the window is closed: 24:00 (= next day's 00:00) Asia/Shanghai. */
  deadline: Date;
  /** The last working day of the window (Shanghai date), for display. */
  lastWorkingDay: LocalDate;
  /** True if any day examined lies in a year (or late December) without a confirmed calendar. */
  provisional: boolean;
}

/**
 * The end of the test window of agreement clause 1.8 ("within 2 working days after receiving the
 * certificate"; receipt per clause 1.7 is the download, the hand-over or the signed-for time).
 *
 * Rule, following the Civil Code's computation of periods (art. 201: the day on which the period
 * starts is not counted; art. 203: a period ends at 24:00 of its last day): count working days
 * of the statutory calendar starting on the day AFTER the day of receipt (Asia/Shanghai dates);
 * the window closes at 24:00 of the second such working day. Weekends and public holidays are
 * skipped, 调休 make-up working days count. Receipt at 23:59 on Monday and at 00:00 on Tuesday
 * therefore give deadlines one working day apart.
 */
export function testWindowDeadline(receiptAt: Date, calendar: WorkCalendar): TestWindow {
  const receiptDay = shanghaiDate(receiptAt);
  let provisional = false;
  let found = 0;
  let day = receiptDay;
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++) {
    day = addDays(day, 1);
    const info = calendar.day(day);
    if (!info.confirmed) provisional = true;
    if (info.workday && ++found === TEST_WINDOW_WORKING_DAYS) {
      return { deadline: startOfShanghaiDay(addDays(day, 1)), lastWorkingDay: day, provisional };
    }
  }
  throw new RangeError(`no ${TEST_WINDOW_WORKING_DAYS} working days within ${MAX_DAYS_SEARCHED} days after ${receiptDay}`);
}

export interface AcceptanceFacts {
  receiptAt: Date | null;
  deadline: Date | null;
  provisional: boolean;
  /** Every objection raised, whenever; those at or after the deadline are late and do not count. */
  objections: readonly { raisedAt: Date }[];
  explicitAcceptedAt: Date | null;
}

/** An objection counts if raised in the window: from receipt up to, not including, the deadline. */
export function objectionInTime(raisedAt: Date, deadline: Date): boolean {
  return raisedAt.getTime() < deadline.getTime();
}

/**
 * Clause 1.8, last sentence: silence until the deadline means the certificate is accepted. Not
 * deemed when: there is no receipt or deadline; the deadline is provisional (it rests on an
 * unconfirmed calendar year, so it may be wrong in the subscriber's disfavour); the subscriber
 * accepted explicitly before the deadline (then the acceptance is explicit, not deemed); or an
 * objection was raised in time (its resolution decides: consultation ends with an explicit
 * acceptance, otherwise revocation or change - clause 2.2).
 */
export function isDeemedAccepted(facts: AcceptanceFacts, now: Date): boolean {
  const { receiptAt, deadline } = facts;
  if (!receiptAt || !deadline || facts.provisional) return false;
  if (now.getTime() < deadline.getTime()) return false;
  if (facts.explicitAcceptedAt && facts.explicitAcceptedAt.getTime() < deadline.getTime()) return false;
  return !facts.objections.some((o) => objectionInTime(o.raisedAt, deadline));
}
