import type { WorkCalendar } from "@/domain/calendar";
import { supportSlaStanding, type SupportSlaStanding } from "@/domain/support";

/** The desk's SLA for a request waiting for it, or null when nobody at the desk is awaited. */
export function deskClock(request: { status: string; awaitingStaffSince: Date | null }, now: Date, calendar: WorkCalendar): SupportSlaStanding | null {
  if (request.status !== "OPEN" || !request.awaitingStaffSince) return null;
  return supportSlaStanding(request.awaitingStaffSince, now, calendar);
}
