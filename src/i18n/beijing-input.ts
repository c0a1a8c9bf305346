/**
 * Form inputs carry no time zone; every time in the portal is typed and shown in Beijing time
 * (src/i18n/format.ts). These turn what a date or datetime-local field sends into an ISO instant
 * with +08:00; anything else comes back unchanged, for the use case's own validation to refuse.
 */

/** "2026-11-24T09:30" -> "2026-11-24T09:30:00+08:00". */
export function beijingLocalDateTime(value: string): string {
  return /^\d{4}-\d\d-\d\dT\d\d:\d\d$/.test(value) ? `${value}:00+08:00` : value;
}

/** "2026-11-24" -> the first ("start") or last ("end") millisecond of that day in Beijing. */
export function beijingDayEdge(value: string, edge: "start" | "end"): string {
  if (!/^\d{4}-\d\d-\d\d$/.test(value)) return value;
  return edge === "start" ? `${value}T00:00:00.000+08:00` : `${value}T23:59:59.999+08:00`;
}
