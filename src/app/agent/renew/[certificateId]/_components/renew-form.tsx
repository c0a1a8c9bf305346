"use client";

import { useState } from "react";
import { requestRenewalStep, submitRenewalStep } from "@/app/agent/renew/actions";
import { saveKey } from "@/client/key-store";
import { buttonClass } from "@/components/ui/styles";

const DECLARATIONS = ["truthfulCompleteLawful", "copiesMatchOriginals", "consentToElectronicSignatureUse", "consentToCertificateQuery"] as const;

/**
 * Renewal on the organisation's behalf: a new key made in this browser, the renewal requested with
 * its CSR, the declarations made again, submitted. The old certificate stays valid until the new
 * one is accepted (the server supersedes it then).
 */
export function RenewForm({
  certificateId,
  labels,
}: {
  certificateId: string;
  labels: { declarationsIntro: string; declarations: Record<(typeof DECLARATIONS)[number], string>; submit: string; working: string; done: string; keyNote: string; status: string };
}) {
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [applicationId, setApplicationId] = useState<string | null>(null);

  async function run() {
    setBusy(true);
    setError(null);
    try {
      const { generateBrowserKey } = await import("@/client/browser-key");
      const { csrPem, key } = await generateBrowserKey("pending", () => undefined);
      const started = await requestRenewalStep({ certificateId, csrPem });
      if (started.status === "error") return setError(started.message);
      await saveKey({ ...key, applicationId: started.data.applicationId });
      const d = Object.fromEntries(DECLARATIONS.map((k) => [k, checked[k] === true])) as Record<(typeof DECLARATIONS)[number], boolean>;
      const submitted = await submitRenewalStep({ applicationId: started.data.applicationId, declarations: d });
      if (submitted.status === "error") return setError(submitted.message);
      setApplicationId(started.data.applicationId);
    } finally {
      setBusy(false);
    }
  }

  if (applicationId) {
    return (
      <div role="status" data-alert="success" className="space-y-2 rounded-md border border-green-300 bg-green-50 p-4 text-green-950" data-testid="renewal-submitted">
        <p>{labels.done}</p>
        <a href={`/applications/${applicationId}`} className="font-medium underline">
          {labels.status}
        </a>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {error ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {error}
        </div>
      ) : null}
      <p className="text-slate-700">{labels.keyNote}</p>
      <fieldset className="space-y-2">
        <legend className="mb-1 text-slate-700">{labels.declarationsIntro}</legend>
        {DECLARATIONS.map((d) => (
          <label key={d} className="flex items-start gap-2">
            <input type="checkbox" checked={checked[d] === true} onChange={(e) => setChecked((x) => ({ ...x, [d]: e.target.checked }))} className="mt-1 size-5" />
            <span>{labels.declarations[d]}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" className={buttonClass.primary} onClick={run} disabled={busy || !DECLARATIONS.every((d) => checked[d])}>
        {busy ? labels.working : labels.submit}
      </button>
    </div>
  );
}
