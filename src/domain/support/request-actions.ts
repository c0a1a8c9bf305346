/** Mirrors the Prisma enum SupportRequestStatus. */
export type SupportRequestStatusName = "OPEN" | "ANSWERED" | "CLOSED";

export type AllowedSupportAction =
  | { ok: true }
  | { ok: false; reason: "SUPPORT_REQUEST_CLOSED" | "SUPPORT_STAFF_ONLY" | "SUPPORT_ALREADY_ASSIGNED_TO_YOU" };

/**
 * Which side of the thread the reader is on: the requester, or the support desk (an RA officer or
 * CA administrator handling it, with their user id for "take"). Who may be on the desk side is
 * decided in src/server/auth (support-desk-access.ts), not here.
 */
export type SupportSide = { side: "requester" } | { side: "staff"; userId: string };

export interface SupportRequestFacts {
  status: SupportRequestStatusName;
  assignedToId?: string | null;
}

export interface SupportRequestActions {
  /** Write to the requester (staff) or to the desk (requester). */
  reply: AllowedSupportAction;
  close: AllowedSupportAction;
  /** A staff-only note, never shown to the requester. */
  note: AllowedSupportAction;
  /** Assign the request to oneself. */
  take: AllowedSupportAction;
  /** Assign the request to another officer. */
  assign: AllowedSupportAction;
}

const yes: AllowedSupportAction = { ok: true };
const closed: AllowedSupportAction = { ok: false, reason: "SUPPORT_REQUEST_CLOSED" };
const staffOnly: AllowedSupportAction = { ok: false, reason: "SUPPORT_STAFF_ONLY" };

/**
 * What a support request's state allows, for one side of the thread. The thread pages render
 * their forms from this; the use cases refuse with the same code.
 *
 * - The requester may always answer: an answer to a closed request reopens it (the subscriber's
 *   word is never lost, and the desk sees it again), so `reply` is open to them in every state.
 * - The desk answers, closes, takes and assigns only while the request is not closed: a closed
 *   request is done until its requester writes again. Internal notes stay possible after closing
 *   (an officer may record what happened afterwards, e.g. a phone call), since the requester never
 *   sees them.
 * - Taking a request one already holds is refused rather than repeated (no empty audit event).
 */
export function allowedSupportRequestActions(facts: SupportRequestFacts, reader: SupportSide = { side: "requester" }): SupportRequestActions {
  const isClosed = facts.status === "CLOSED";
  if (reader.side === "requester") {
    return { reply: yes, close: isClosed ? closed : yes, note: staffOnly, take: staffOnly, assign: staffOnly };
  }
  const whileOpen = isClosed ? closed : yes;
  const take: AllowedSupportAction = isClosed ? closed : facts.assignedToId === reader.userId ? { ok: false, reason: "SUPPORT_ALREADY_ASSIGNED_TO_YOU" } : yes;
  return { reply: whileOpen, close: whileOpen, note: yes, take, assign: whileOpen };
}
