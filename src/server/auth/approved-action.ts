import type { Actor } from "@/server/core";
import { isCaAdmin } from "./roles";

/*
 * Dual control (issue 14 item 5): the CA administrator's high-impact use cases (CA revocation,
 * agreement publication, profile changes, RA retirement, cessation on/off, calendar import, batch
 * revocation) authorise with `approvedAdminAction(kind)`: a CA administrator acting for an approved
 * request of that kind. Only the approval executor (src/server/approval/internal/execute.ts) sets
 * `actor.approved`, after the last approval, so the page's form, a script or another use case
 * calling the use case directly is refused with FORBIDDEN: there is one way in, the approval.
 */

/** The `authorize` rule of a use case that runs only as an approved request of `kind`. */
export function approvedAdminAction(kind: string): (actor: Actor) => boolean {
  return (actor) => isCaAdmin(actor) && actor.approved?.kind === kind;
}

/** The actor the executor runs an approved request as: the administrator whose approval completed it. */
export function actorForApprovedRequest(approver: Actor, request: { id: string; kind: string }): Actor {
  return { ...approver, approved: { requestId: request.id, kind: request.kind } };
}
