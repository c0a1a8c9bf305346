import type { ErrorCode } from "@/server/core";

/*
 * What a server action answers a client form or wizard step: nothing yet, a refusal, or done with
 * the data the page needs next. Every form reads this one shape (made by defineAction); this file
 * imports types only, so client components can import it without pulling server code along.
 */

/** A refusal, worded for the reader: the catalog message (or the page's own words) and what to mark. */
export interface ActionError {
  status: "error";
  /** The stable code (a form may react to one, e.g. offer to resend the verification mail). */
  code: ErrorCode;
  message: string;
  /** Form fields to highlight: the keys of a VALIDATION_FAILED's issues, or the one field a refusal names. */
  fields: string[];
  /** The typed text fields sent back, because React resets a form after its action. */
  values?: Record<string, string>;
  /** What the refusal enumerates for the page to show (missing document kinds, problems of a draft). */
  items?: string[];
}

export interface ActionDone<T> {
  status: "done";
  data: T;
}

/** What a wizard step (called directly, not through useActionState) answers. */
export type ActionResult<T> = ActionDone<T> | ActionError;

/** The state of a form bound with useActionState. */
export type ActionState<T = undefined> = { status: "idle" } | ActionResult<T>;

/** The state a form starts in. */
export const idleState: { status: "idle" } = { status: "idle" };
