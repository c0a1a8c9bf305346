"use client";

import type { ReactNode } from "react";
import { useActionState } from "react";
import { idleState, type ActionState } from "@/server/web/action-state";
import { SubmitButton } from "@/components/ui/submit-button";

/**
 * One form of the applicant's editor bound to its server action: the application id and the
 * version the page was rendered at travel with it (a stale version is refused in words), the
 * refusal is shown above the fields, and `done` replaces nothing: the action revalidates the page,
 * which re-renders with the new state and version.
 */
export function EditorForm({
  action,
  applicationId,
  version,
  submitLabel,
  pendingLabel,
  doneLabel,
  variant = "primary",
  testId,
  explainItems,
  children,
}: {
  action: (prev: ActionState, form: FormData) => Promise<ActionState>;
  applicationId: string;
  version: number;
  submitLabel: string;
  pendingLabel: string;
  doneLabel?: string;
  variant?: "primary" | "secondary";
  testId: string;
  /** Words for a refusal that enumerates (e.g. the document kinds still missing). */
  explainItems?: (items: string[]) => string;
  /** The fields; a function gets the text the refused post carried (React resets a form after its action). */
  children?: ReactNode | ((typed: Record<string, string>) => ReactNode);
}) {
  const [state, formAction] = useActionState(action, idleState);
  return (
    <form action={formAction} className="space-y-3" data-testid={testId}>
      {state.status === "error" ? (
        <div role="alert" data-alert="error" data-code={state.code} className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {state.items?.length && explainItems ? explainItems(state.items) : state.message}
        </div>
      ) : null}
      {state.status === "done" && doneLabel ? (
        <p role="status" data-alert="success" className="text-sm text-green-800">
          {doneLabel}
        </p>
      ) : null}
      <input type="hidden" name="applicationId" value={applicationId} />
      <input type="hidden" name="version" value={version} />
      {typeof children === "function" ? children(state.status === "error" ? (state.values ?? {}) : {}) : children}
      <SubmitButton pendingLabel={pendingLabel} variant={variant}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
