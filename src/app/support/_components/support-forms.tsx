"use client";

import { useActionState } from "react";
import { openSupportRequestAction, replySupportAction } from "@/app/support/actions";
import { idleState, type ActionState } from "@/server/web/action-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputClass } from "@/components/ui/styles";

function ErrorBox({ state }: { state: ActionState }) {
  return state.status === "error" ? (
    <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
      {state.message}
    </div>
  ) : null;
}

export function OpenSupportForm({
  labels,
  certificates,
}: {
  labels: { subject: string; body: string; certificate: string; none: string; submit: string; pending: string };
  certificates: { id: string; label: string }[];
}) {
  const [state, action] = useActionState(openSupportRequestAction, idleState);
  return (
    <form action={action} className="space-y-4">
      <ErrorBox state={state} />
      <div className="space-y-1">
        <label htmlFor="subject" className="block font-medium">
          {labels.subject}
        </label>
        <input id="subject" name="subject" required maxLength={200} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="certificateId" className="block font-medium">
          {labels.certificate}
        </label>
        <select id="certificateId" name="certificateId" className={inputClass} defaultValue="">
          <option value="">{labels.none}</option>
          {certificates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="body" className="block font-medium">
          {labels.body}
        </label>
        <textarea id="body" name="body" required rows={5} maxLength={10000} className={inputClass} />
      </div>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}

export function ReplySupportForm({ requestId, labels }: { requestId: string; labels: { body: string; submit: string; pending: string } }) {
  const [state, action] = useActionState(replySupportAction, idleState);
  return (
    <form action={action} className="space-y-3">
      <ErrorBox state={state} />
      <input type="hidden" name="requestId" value={requestId} />
      <div className="space-y-1">
        <label htmlFor="reply" className="block font-medium">
          {labels.body}
        </label>
        <textarea id="reply" name="body" required rows={4} maxLength={10000} className={inputClass} />
      </div>
      <SubmitButton pendingLabel={labels.pending}>{labels.submit}</SubmitButton>
    </form>
  );
}
