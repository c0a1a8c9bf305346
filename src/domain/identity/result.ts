/** Outcome of an identity-number check: a stable code for the UI to translate, never a UI string. */
export type CheckResult<Code extends string, Details = undefined> =
  | { ok: true; value: string; details: Details }
  | { ok: false; code: Code };

/** Upper case, no spaces: how people type and how cards print these numbers differ only in that. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/[\s\u3000]+/g, "").toUpperCase();
}
