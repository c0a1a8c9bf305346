import { type ErrorCode, errorMessage, isDomainError, type Lang } from "@/server/core";
import type { ActionError } from "./action-state";

/*
 * The pure half of defineAction (define-action.ts): how a thrown value becomes what the form
 * shows, and where a post/redirect/get action sends the browser. No Next.js here, so both are
 * unit-tested directly.
 */

/**
 * A refusal a page words itself (a translated sentence, e.g. "the passwords differ"), checked
 * before any use case runs. Thrown from an action's `read`; it never leaves the action.
 */
export class ActionRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly code: ErrorCode = "VALIDATION_FAILED",
    readonly fields: string[] = [],
  ) {
    super(code);
    this.name = "ActionRefusal";
  }
}

/** True when the value is not ours to map (an unexpected error): the caller logs it. */
export function isUnexpected(e: unknown): boolean {
  return !isDomainError(e) && !(e instanceof ActionRefusal);
}

/**
 * Any thrown value as the form shows it: a DomainError with its catalog message and the fields to
 * mark (the keys of details.issues, and details.field when a refusal names one), an ActionRefusal
 * with its own words, anything else as INTERNAL with nothing of its own message.
 */
export function failedState(e: unknown, lang: Lang): ActionError {
  if (e instanceof ActionRefusal) return { status: "error", code: e.code, message: e.reason, fields: e.fields };
  if (!isDomainError(e)) return { status: "error", code: "INTERNAL", message: errorMessage("INTERNAL", lang), fields: [] };
  const issues = e.details.issues && typeof e.details.issues === "object" ? Object.keys(e.details.issues) : [];
  const named = typeof e.details.field === "string" && !issues.includes(e.details.field) ? [e.details.field] : [];
  return { status: "error", code: e.code, message: errorMessage(e.code, lang, e.details), fields: [...issues, ...named] };
}

/** Only paths inside the consoles are used as the page a console form comes back to. */
export function consoleBackPath(value: unknown): string {
  return typeof value === "string" && /^\/(ra|admin|audit)(\/[\w\-/]*)?$/.test(value) ? value : "/ra";
}

/**
 * Where a post/redirect/get action sends the browser: on success the next page (or back) with
 * ?ok=<key>; on a refusal back with ?error=<the message, signed by `sign` for that page>
 * (signedErrorQuery), so the page's banner shows only words the portal wrote for it.
 */
export async function outcomeLocation(
  outcome: { ok: string; back: string; next?: string } | { error: string; back: string },
  sign: (message: string, page: string) => Promise<string>,
): Promise<string> {
  if ("ok" in outcome) return `${outcome.next ?? outcome.back}?ok=${encodeURIComponent(outcome.ok)}`;
  return `${outcome.back}?${await sign(outcome.error, outcome.back)}`;
}
