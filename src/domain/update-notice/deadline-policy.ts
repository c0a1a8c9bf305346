import { addDays, shanghaiDate, startOfShanghaiDay, type WorkCalendar } from "../calendar";
import { reasonForCaGround, type CaRevocationGround } from "../revocation";

/**
 * What an update notice (agreement clause 4) does as its deadline comes and goes. Clause 4 says
 * only that a subscriber who does not update in time bears the consequences; the CA chooses them
 * per notice, and the notice, its mails and the subscriber's page state the choice:
 *
 * - REVOKE: at the deadline each certificate still not updated is revoked by the CA on clause 3
 *   ground (5) ("other harm to relying parties"), published as `superseded`: the reason the
 *   CA/Browser Forum's Baseline Requirements (7.2.2) give for a certificate revoked for
 *   compliance reasons, which says nothing false about the key (keyCompromise would).
 * - NO_ACTION: nothing happens at the deadline; the certificate runs to its end.
 *
 * Either way one reminder goes out UPDATE_REMINDER_WORKDAYS working days (statutory calendar)
 * before the deadline, at 09:00 Beijing time, unless the notice was ordered later than that
 * (its own mail is then the reminder).
 */
export const UPDATE_NOTICE_CONSEQUENCES = ["REVOKE", "NO_ACTION"] as const;
export type UpdateNoticeConsequence = (typeof UPDATE_NOTICE_CONSEQUENCES)[number];

export const UPDATE_REMINDER_WORKDAYS = 3;
const REMINDER_HOUR_MS = 9 * 3_600_000;

export const MISSED_UPDATE_GROUND: CaRevocationGround = "OTHER_HARM_OR_LAW";
const missed = reasonForCaGround(MISSED_UPDATE_GROUND, "SUPERSEDED");
if (!missed.ok) throw new Error("superseded is not a reason of the missed-update ground");
/** The RFC 5280 reason a certificate revoked for a missed update is published with. */
export const MISSED_UPDATE_REASON = missed.reason;

/** When the reminder of a notice with this deadline is due: 09:00 Beijing time, `workdays` working days before the deadline's date. */
export function updateReminderAt(deadline: Date, calendar: WorkCalendar, workdays: number = UPDATE_REMINDER_WORKDAYS): Date {
  let date = shanghaiDate(deadline);
  for (let found = 0; found < workdays; ) {
    date = addDays(date, -1);
    if (calendar.isWorkday(date)) found += 1;
  }
  return new Date(startOfShanghaiDay(date).getTime() + REMINDER_HOUR_MS);
}

export type DeadlineStep = "wait" | "remind" | "lapse" | "done";

/**
 * What the deadline job does with one notice at `now`: remind (once, inside the reminder window,
 * only if ordered before it opened), lapse (the deadline has passed and the consequence is REVOKE:
 * revoke what is still not updated), or nothing.
 */
export function deadlineStep(
  notice: { createdAt: Date; deadline: Date; consequence: UpdateNoticeConsequence; remindedAt: Date | null },
  reminderAt: Date,
  now: Date,
): DeadlineStep {
  if (now.getTime() >= notice.deadline.getTime()) return notice.consequence === "REVOKE" ? "lapse" : "done";
  if (notice.remindedAt || now.getTime() < reminderAt.getTime()) return "wait";
  return notice.createdAt.getTime() < reminderAt.getTime() ? "remind" : "wait";
}
