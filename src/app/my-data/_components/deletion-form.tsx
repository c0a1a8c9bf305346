"use client";

import { useActionState } from "react";
import { requestDeletionAction } from "@/app/my-data/actions";
import { idleState } from "@/server/web/action-state";
import { SubmitButton } from "@/components/ui/submit-button";

export interface DeletionLabels {
  confirm: string;
  submit: string;
  pending: string;
  done: string;
  erased: string;
  kept: string;
  until: string;
}

/** The deletion request with its one confirmation; the outcome lists what went and what stays and why. */
export function DeletionForm({ labels, lang }: { labels: DeletionLabels; lang: "zh" | "en" }) {
  const [state, action] = useActionState(requestDeletionAction, idleState);
  if (state.status === "done") {
    const o = state.data;
    return (
      <div role="status" data-alert="success" className="space-y-2 rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-950" data-testid="deletion-outcome">
        <p className="font-semibold">{labels.done}</p>
        <p>{labels.erased}: {o.erased.map((e) => e.category + (e.count !== undefined ? ` (${e.count})` : "")).join(", ") || "—"}</p>
        <p>{labels.kept}:</p>
        <ul className="list-disc pl-5">
          {o.kept.map((k) => (
            <li key={k.category}>
              {k.category}: {k.basis[lang]}
              {k.until ? ` — ${labels.until} ${k.until.slice(0, 10)}` : ""}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <form action={action} className="space-y-3">
      {state.status === "error" ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </div>
      ) : null}
      <label className="flex items-start gap-2">
        <input type="checkbox" name="confirm" required className="mt-1 size-5" />
        <span>{labels.confirm}</span>
      </label>
      <SubmitButton pendingLabel={labels.pending} variant="secondary">
        {labels.submit}
      </SubmitButton>
    </form>
  );
}
