import { slaOutcome, slaState, type SlaState } from "../revocation";

/**
 * Baseline Requirements 4.9.5: within 24 hours of receiving a Certificate Problem Report the CA
 * gives the subscriber and the reporter a preliminary report. Real hours, not working hours (the
 * reports are accepted around the clock), from the instant the report was received.
 */
export const PRELIMINARY_REPORT_MS = 24 * 60 * 60 * 1000;

export function preliminaryDue(receivedAt: Date): Date {
  return new Date(receivedAt.getTime() + PRELIMINARY_REPORT_MS);
}

/** The same bands as the revocation clocks (ok, due soon in the last 4 hours, overdue), so the queue reads them alike. */
export function preliminaryClock(now: Date, dueAt: Date): { state: SlaState; remainingMs: number } {
  return { state: slaState(now, dueAt), remainingMs: dueAt.getTime() - now.getTime() };
}

/** For a report whose preliminary report was sent: was the 24 hours met? */
export function preliminaryOutcome(dueAt: Date, sentAt: Date): "met" | "missed" {
  return slaOutcome(dueAt, sentAt);
}
