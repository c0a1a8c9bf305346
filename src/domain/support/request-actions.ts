/** Mirrors the Prisma enum SupportRequestStatus. */
export type SupportRequestStatusName = "OPEN" | "ANSWERED" | "CLOSED";

export type AllowedSupportAction = { ok: true } | { ok: false; reason: "SUPPORT_REQUEST_CLOSED" };

/**
 * What a support request's state allows: a closed request takes no more messages and is not closed
 * twice. The thread page renders `reply` from this; the reply and close use cases refuse with the
 * same code. Who may write (requester or staff, internal notes) is the use case's business.
 */
export function allowedSupportRequestActions(facts: { status: SupportRequestStatusName }): { reply: AllowedSupportAction; close: AllowedSupportAction } {
  const open: AllowedSupportAction = facts.status === "CLOSED" ? { ok: false, reason: "SUPPORT_REQUEST_CLOSED" } : { ok: true };
  return { reply: open, close: open };
}
