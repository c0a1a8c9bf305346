"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { inputClass, buttonClass } from "@/components/ui/styles";

export type GrantLabels = {
  agentEmail: string;
  agentEmailHint: string;
  scopeLegend: string;
  validFrom: string;
  validUntil: string;
  validityHint: string;
  letterFile: string;
  submit: string;
  pending: string;
  fileTooLarge: string;
  fileType: string;
  scopeMissing: string;
  datesInvalid: string;
  uploadFailed: string;
};

const LETTER_TYPES = ["application/pdf", "image/png", "image/jpeg"];

/**
 * Authorises an agent: e-mail, scope, dates and the signed letter, sent as one multipart request
 * to the route handler (a scan can be larger than a server action accepts). Obvious mistakes are
 * caught here; the server decides (type by content, size, who may grant).
 */
export function GrantAgentForm({
  organisationId,
  scopes,
  defaults,
  maxBytes,
  labels,
}: {
  organisationId: string;
  scopes: { value: string; label: string }[];
  defaults: { validFrom: string; validUntil: string };
  maxBytes: number;
  labels: GrantLabels;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; fields: string[] } | null>(null);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const letter = data.get("letter");
    const local = (message: string, field: string) => setError({ message, fields: [field] });
    if (data.getAll("scope").length === 0) return local(labels.scopeMissing, "scope");
    if (String(data.get("validUntil")) < String(data.get("validFrom"))) return local(labels.datesInvalid, "validUntil");
    if (!(letter instanceof File) || letter.size === 0) return local(labels.fileType, "letter");
    if (letter.type && !LETTER_TYPES.includes(letter.type)) return local(labels.fileType, "letter");
    if (letter.size > maxBytes) return local(labels.fileTooLarge, "letter");
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/organisations/${organisationId}/agents`, { method: "POST", body: data });
      if (res.ok) {
        form.reset();
        router.replace(`/organisations/${organisationId}?ok=granted#agents`);
        router.refresh();
        return;
      }
      const body = (await res.json().catch(() => null)) as { error?: { message?: string; details?: { issues?: Record<string, unknown>; field?: string } } } | null;
      const details = body?.error?.details;
      setError({
        message: body?.error?.message ?? labels.uploadFailed,
        fields: [...Object.keys(details?.issues ?? {}), ...(details?.field ? [details.field === "file" ? "letter" : details.field] : [])],
      });
    } catch {
      setError({ message: labels.uploadFailed, fields: [] });
    } finally {
      setBusy(false);
    }
  }

  const invalid = (f: string) => error?.fields.includes(f) || undefined;
  const describe = (f: string, hint?: string) => [hint, invalid(f) ? "grant-error" : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <form onSubmit={submit} className="space-y-4" data-testid="grant-form" encType="multipart/form-data">
      {error ? (
        <div id="grant-error" role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {error.message}
        </div>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="agent-email" className="block font-medium text-slate-800">
          {labels.agentEmail}
        </label>
        <input id="agent-email" name="agentEmail" type="email" required autoComplete="off" className={inputClass} aria-invalid={invalid("agentEmail")} aria-describedby={describe("agentEmail", "agent-email-hint")} />
        <p id="agent-email-hint" className="text-sm text-slate-600">
          {labels.agentEmailHint}
        </p>
      </div>
      <fieldset className="space-y-2" aria-invalid={invalid("scope")} aria-describedby={describe("scope")}>
        <legend className="font-medium text-slate-800">{labels.scopeLegend}</legend>
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
          {scopes.map((s) => (
            <label key={s.value} className="flex min-h-11 items-center gap-3 rounded-md border border-slate-300 px-3 py-2">
              <input type="checkbox" name="scope" value={s.value} className="h-5 w-5" />
              <span>{s.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="valid-from" className="block font-medium text-slate-800">
            {labels.validFrom}
          </label>
          <input id="valid-from" name="validFrom" type="date" required defaultValue={defaults.validFrom} className={inputClass} aria-invalid={invalid("validFrom")} aria-describedby={describe("validFrom", "validity-hint")} />
        </div>
        <div className="space-y-1">
          <label htmlFor="valid-until" className="block font-medium text-slate-800">
            {labels.validUntil}
          </label>
          <input id="valid-until" name="validUntil" type="date" required defaultValue={defaults.validUntil} className={inputClass} aria-invalid={invalid("validUntil")} aria-describedby={describe("validUntil", "validity-hint")} />
        </div>
        <p id="validity-hint" className="text-sm text-slate-600 sm:col-span-2">
          {labels.validityHint}
        </p>
      </div>
      <div className="space-y-1">
        <label htmlFor="letter" className="block font-medium text-slate-800">
          {labels.letterFile}
        </label>
        <input id="letter" name="letter" type="file" required accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg" className="block w-full text-base" aria-invalid={invalid("letter")} aria-describedby={describe("letter")} />
      </div>
      <button type="submit" disabled={busy} aria-disabled={busy} className={`${buttonClass.primary} w-full sm:w-auto`}>
        {busy ? labels.pending : labels.submit}
      </button>
    </form>
  );
}
