/** Outcome of an identity-number check: a stable code for the UI to translate, never a UI string. */
export type CheckResult<Code extends string, Details = undefined> =
  | { ok: true; value: string; details: Details }
  | { ok: false; code: Code };

/**
 * Upper case, no spaces, half-width: how people type and how cards print these numbers differ
 * only in that (a Chinese input method may type the digits full-width: "１１０１…").
 */
export function normaliseIdNumber(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]+/g, "")
    .toUpperCase();
}
