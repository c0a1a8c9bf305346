"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass } from "@/components/ui/styles";
import type { ActionResult } from "@/server/web/action-state";

export interface DiscardDraftLabels {
  delete: string;
  confirm: string;
  confirmYes: string;
  confirmNo: string;
  working: string;
}

/**
 * "删除草稿" with a confirmation in place (the dashboard's draft list and the draft's own page): a
 * deleted draft cannot be resumed, so the first click only asks. `then` is where to go afterwards;
 * without it the page refreshes (the draft leaves the list). `discard` is the server action (the
 * apply route's discardDraftStep), passed in by the page so this shared component imports no route.
 */
export function DiscardDraftButton({
  applicationId,
  version,
  labels,
  then,
  discard,
}: {
  applicationId: string;
  version: number;
  labels: DiscardDraftLabels;
  then?: string;
  discard: (input: { applicationId: string; version?: number }) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function onConfirm() {
    setBusy(true);
    setError(null);
    try {
      const r = await discard({ applicationId, version });
      if (r.status === "error") {
        setError(r.message);
        return;
      }
      if (then) router.push(then);
      else router.refresh();
    } finally {
      setBusy(false);
    }
  }

  if (!asking)
    return (
      <button type="button" className={buttonClass.secondary} onClick={() => setAsking(true)} data-testid="discard-draft">
        {labels.delete}
      </button>
    );
  return (
    <div role="group" aria-label={labels.delete} className="w-full space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="discard-draft-confirm">
      <p>{labels.confirm}</p>
      {error ? (
        <p role="alert" data-alert="error" className="font-medium text-red-800">
          {error}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="button" className={buttonClass.primary} onClick={onConfirm} disabled={busy}>
          {busy ? labels.working : labels.confirmYes}
        </button>
        <button type="button" className={buttonClass.secondary} onClick={() => setAsking(false)} disabled={busy}>
          {labels.confirmNo}
        </button>
      </div>
    </div>
  );
}
