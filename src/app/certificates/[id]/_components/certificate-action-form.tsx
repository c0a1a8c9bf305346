"use client";

import type { ReactNode } from "react";
import { useActionState, useEffect, useRef, useState } from "react";
import { idleState, type ActionState } from "@/server/web/action-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { buttonClass } from "@/components/ui/styles";

/**
 * One action on the certificate page (accept, object, report loss, request revocation) and its
 * answer. `unavailable` (the reason the certificate's state refuses it now) replaces the form, but
 * not the answer of an action just taken: after a loss report the page re-renders suspended and
 * the receipt link stays.
 */
export function CertificateActionForm({
  action,
  certificateId,
  submitLabel,
  pendingLabel,
  doneLabel,
  receiptLabel,
  variant = "secondary",
  children,
  testId,
  unavailable,
  confirm,
}: {
  /** Answers with the request id when there is a receipt to offer (loss report, revocation request). */
  action: (prev: ActionState<{ requestId?: string }>, form: FormData) => Promise<ActionState<{ requestId?: string }>>;
  certificateId: string;
  submitLabel: string;
  pendingLabel: string;
  doneLabel: string;
  receiptLabel?: string;
  variant?: "primary" | "secondary";
  children?: ReactNode;
  testId: string;
  unavailable?: string | undefined;
  /**
   * A second step before an action that takes effect at once (the loss report suspends the
   * certificate): the first button shows what will happen, the second one acts (issue 15).
   */
  confirm?: { title: string; body: ReactNode; confirmLabel: string; cancelLabel: string };
}) {
  const [state, formAction] = useActionState(action, idleState);
  const [confirming, setConfirming] = useState(false);
  const heading = useRef<HTMLParagraphElement>(null);
  // The confirmation is read first: focus moves to its title when it opens.
  useEffect(() => {
    if (confirming) heading.current?.focus();
  }, [confirming]);
  if (state.status === "done") {
    return (
      <div role="status" data-alert="success" data-testid={`${testId}-done`} className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-950">
        <p>{doneLabel}</p>
        {state.data.requestId && receiptLabel ? (
          <a href={`/certificates/${certificateId}/receipt/${state.data.requestId}`} className="font-medium underline" download>
            {receiptLabel}
          </a>
        ) : null}
      </div>
    );
  }
  if (unavailable !== undefined) {
    return (
      <p className="text-slate-700" data-testid={`${testId}-unavailable`}>
        {unavailable}
      </p>
    );
  }
  return (
    <form action={formAction} className="space-y-3" data-testid={testId}>
      {state.status === "error" ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </div>
      ) : null}
      <input type="hidden" name="certificateId" value={certificateId} />
      {children}
      {confirm && !confirming ? (
        <button type="button" className={buttonClass[variant]} onClick={() => setConfirming(true)}>
          {submitLabel}
        </button>
      ) : null}
      {confirm && confirming ? (
        <div role="group" aria-labelledby={`${testId}-confirm-title`} className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid={`${testId}-confirm`}>
          <p id={`${testId}-confirm-title`} ref={heading} tabIndex={-1} className="font-semibold">
            {confirm.title}
          </p>
          <div className="space-y-1 text-sm">{confirm.body}</div>
          <div className="flex flex-wrap gap-3 pt-1">
            <SubmitButton pendingLabel={pendingLabel} variant="primary">
              {confirm.confirmLabel}
            </SubmitButton>
            <button type="button" className={buttonClass.secondary} onClick={() => setConfirming(false)}>
              {confirm.cancelLabel}
            </button>
          </div>
        </div>
      ) : null}
      {confirm ? null : (
        <SubmitButton pendingLabel={pendingLabel} variant={variant}>
          {submitLabel}
        </SubmitButton>
      )}
    </form>
  );
}
