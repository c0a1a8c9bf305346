import type { ErrorCode } from "@/server/core/error-catalog";

/** What a form's server action answers: nothing yet, a refusal with its message, or done. */
export type FormState =
  | { status: "idle" }
  | { status: "error"; code: ErrorCode; message: string; fields?: string[]; email?: string }
  | { status: "done"; email?: string };

export const initialFormState: FormState = { status: "idle" };
