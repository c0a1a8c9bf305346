"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { attachCsrStep } from "@/app/apply/actions";
import { saveKey } from "@/client/key-store";
import type { BrowserKeyAlgorithm } from "@/client/browser-key-algorithm";
import { buttonClass, inputClass } from "@/components/ui/styles";

/**
 * A draft left by the wizard before its key step has no certificate request yet, and a request
 * can be attached only while the applicant holds the application: the key is made here, as in the
 * wizard (in this browser, the private key kept in IndexedDB and only the CSR sent; or a CSR made
 * elsewhere), before the draft is submitted.
 */
export function KeyStep({ applicationId, keyAlgorithm = "EC-P256" }: { applicationId: string; keyAlgorithm?: BrowserKeyAlgorithm }) {
  const w = useTranslations("applyWizard");
  const t = useTranslations("applicationPage.editor");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [csrText, setCsrText] = useState("");

  async function inBrowser() {
    setBusy(true);
    setError(null);
    try {
      const { generateBrowserKey } = await import("@/client/browser-key");
      const { csrPem, key } = await generateBrowserKey(applicationId, (p) => setProgress(w(`keyProgress.${p}`)), keyAlgorithm);
      setProgress(w("keyProgress.sending"));
      const r = await attachCsrStep({ applicationId, csrPem, source: "BROWSER" });
      if (r.status === "error") {
        setError(r.message);
        setProgress(null);
        return;
      }
      await saveKey(key);
      setProgress(w("keyProgress.done"));
      router.refresh();
    } catch (e) {
      console.error("browser key generation failed", e);
      setError(w("keyFailed"));
      setProgress(null);
    } finally {
      setBusy(false);
    }
  }

  async function sendCsr() {
    setBusy(true);
    setError(null);
    const r = await attachCsrStep({ applicationId, csrPem: csrText });
    setBusy(false);
    if (r.status === "error") setError(r.message);
    else router.refresh();
  }

  return (
    <div className="space-y-4" data-testid="key-step">
      <p className="text-slate-700">{t("keyIntro")}</p>
      {error ? (
        <p role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {error}
        </p>
      ) : null}
      <div className="space-y-2">
        <p>{w("keyMode.browser")}</p>
        <p className="text-sm text-slate-700" data-testid="browser-key-algorithm" data-algorithm={keyAlgorithm}>
          {w(`browserKeyAlgorithm.${keyAlgorithm}`)}
        </p>
        <button type="button" className={buttonClass.primary} onClick={inBrowser} disabled={busy}>
          {w("generateKey")}
        </button>
        {progress ? (
          <p role="status" className="text-sm text-slate-700">
            {progress}
          </p>
        ) : null}
      </div>
      <div className="space-y-2">
        <label htmlFor="key-step-csr" className="block font-medium">
          {w("keyMode.csr")}
        </label>
        <textarea id="key-step-csr" rows={5} value={csrText} onChange={(e) => setCsrText(e.target.value)} className={`${inputClass} font-mono text-sm`} />
        <button type="button" className={buttonClass.secondary} onClick={sendCsr} disabled={busy || !csrText.trim()}>
          {w("sendCsr")}
        </button>
      </div>
    </div>
  );
}
