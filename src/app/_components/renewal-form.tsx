"use client";

import { useEffect, useState } from "react";
import { requestRenewalStep, submitRenewalStep } from "@/app/actions/renewal";
import { findCertificateKey, saveKey, type StoredKey } from "@/client/key-store";
import type { BrowserKeyAlgorithm } from "@/client/browser-key-algorithm";
import { buttonClass, inputClass } from "@/components/ui/styles";

const DECLARATIONS = ["truthfulCompleteLawful", "copiesMatchOriginals", "consentToElectronicSignatureUse", "consentToCertificateQuery"] as const;
export type RenewalKind = "RENEW" | "REKEY";
export type RenewalKeyMode = "browser" | "csr" | "server";

export interface RenewalFormLabels {
  declarationsIntro: string;
  declarations: Record<(typeof DECLARATIONS)[number], string>;
  submit: Record<RenewalKind, string>;
  working: string;
  done: string;
  status: string;
  /** Shown above the declarations (what happens to the key). */
  keyNote?: Partial<Record<RenewalKind, string>>;
  kindLegend?: string;
  kind?: Record<RenewalKind, string>;
  sameKey?: { checking: string; found: string; missing: string; useRekey: string };
  keyLegend?: string;
  keyMode?: Record<RenewalKeyMode, string>;
  csrLabel?: string;
  keyFailed: string;
}

/**
 * Renewal or rekey of one certificate (clause 4 / 7.5), for the subscriber and for an agent. RENEW
 * keeps the key: with `renewKey: "same"` the certificate's key must be in this browser, and a new
 * request is signed with it (without it the form says so and offers a rekey); the agent's page
 * renews with a new browser key (`renewKey: "new"`), as it always did. REKEY makes a new key here,
 * or takes a pasted CSR, or leaves the key to the server when the profile allows (the
 * application's page then asks for the PKCS#12 password). Then the declarations, and the
 * application goes to the RA like any other; the old certificate is superseded only when the new
 * one is accepted. A second click after a failed submission reuses the draft already started.
 */
export function RenewalForm({
  certificateId,
  kinds,
  initialKind,
  renewKey,
  certificateKey,
  keyModes,
  labels,
  keyAlgorithm = "EC-P256",
}: {
  certificateId: string;
  kinds: RenewalKind[];
  initialKind: RenewalKind;
  renewKey: "same" | "new";
  /** The certificate's application and public key hash, to find its key in this browser. */
  certificateKey: { applicationId: string | null; spkiSha256: string } | null;
  keyModes: RenewalKeyMode[];
  labels: RenewalFormLabels;
  /** Which key a new browser key is: the certificate's profile family decides (SM2 for an SM2 certificate). */
  keyAlgorithm?: BrowserKeyAlgorithm;
}) {
  const [kind, setKind] = useState<RenewalKind>(kinds.includes(initialKind) ? initialKind : kinds[0]!);
  const [mode, setMode] = useState<RenewalKeyMode>(keyModes[0] ?? "browser");
  const [csrText, setCsrText] = useState("");
  const [sameKey, setSameKey] = useState<StoredKey | null | undefined>(undefined);
  const [checked, setChecked] = useState<Record<string, boolean>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [draftId, setDraftId] = useState<string | null>(null);
  const [applicationId, setApplicationId] = useState<string | null>(null);
  const wantsSameKey = kind === "RENEW" && renewKey === "same";

  useEffect(() => {
    if (renewKey !== "same" || !certificateKey) return;
    findCertificateKey(certificateKey.applicationId, certificateKey.spkiSha256)
      .then((k) => setSameKey(k ?? null))
      .catch(() => setSameKey(null));
  }, [renewKey, certificateKey]);

  async function keyForRequest(): Promise<{ keyGeneration: "CLIENT_CSR" | "SERVER_PKCS12"; csrPem?: string; key?: StoredKey }> {
    if (wantsSameKey) {
      const { certificateRequest } = await import("@/client/browser-key");
      return { keyGeneration: "CLIENT_CSR", csrPem: (await certificateRequest(sameKey!)).csrPem, key: sameKey! };
    }
    if (mode === "server") return { keyGeneration: "SERVER_PKCS12" };
    if (mode === "csr") return { keyGeneration: "CLIENT_CSR", csrPem: csrText.trim() };
    const { generateBrowserKey } = await import("@/client/browser-key");
    const made = await generateBrowserKey("pending", () => undefined, keyAlgorithm);
    return { keyGeneration: "CLIENT_CSR", csrPem: made.csrPem, key: made.key };
  }

  async function run() {
    setBusy(true);
    setError(null);
    try {
      let id = draftId;
      if (!id) {
        let request;
        try {
          request = await keyForRequest();
        } catch (e) {
          console.error("renewal key failed", e);
          return setError(labels.keyFailed);
        }
        // A request signed by a key this browser holds (new or the same one) was made here; a pasted one elsewhere.
        const started = await requestRenewalStep({ certificateId, kind, keyGeneration: request.keyGeneration, ...(request.csrPem ? { csrPem: request.csrPem, csrSource: request.key ? "BROWSER" : "UPLOADED" } : {}) });
        if (started.status === "error") return setError(started.message);
        id = started.data.applicationId;
        // The key (new, or the same one re-certified) is kept under the new application too.
        if (request.key) await saveKey({ ...request.key, applicationId: id });
        setDraftId(id);
      }
      const d = Object.fromEntries(DECLARATIONS.map((k) => [k, checked[k] === true])) as Record<(typeof DECLARATIONS)[number], boolean>;
      const submitted = await submitRenewalStep({ applicationId: id, declarations: d });
      if (submitted.status === "error") return setError(submitted.message);
      setApplicationId(id);
    } finally {
      setBusy(false);
    }
  }

  if (applicationId) {
    return (
      <div role="status" data-alert="success" className="space-y-2 rounded-md border border-green-300 bg-green-50 p-4 text-green-950" data-testid="renewal-submitted" data-kind={kind}>
        <p>{labels.done}</p>
        <a href={`/applications/${applicationId}`} className="font-medium underline">
          {labels.status}
        </a>
      </div>
    );
  }
  const keyMissing = wantsSameKey && sameKey === null;
  const keyReady = wantsSameKey ? !!sameKey : mode !== "csr" || csrText.trim().length > 0;
  return (
    <div className="space-y-4" data-testid="renewal-form">
      {error ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {error}
        </div>
      ) : null}
      {kinds.length > 1 && labels.kind ? (
        <fieldset className="space-y-2" disabled={draftId !== null}>
          <legend className="mb-1 font-medium text-slate-800">{labels.kindLegend}</legend>
          {kinds.map((k) => (
            <label key={k} className="flex items-start gap-2">
              <input type="radio" name="renewalKind" value={k} checked={kind === k} onChange={() => setKind(k)} className="mt-1 size-5" />
              <span>{labels.kind![k]}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {labels.keyNote?.[kind] ? <p className="text-slate-700">{labels.keyNote[kind]}</p> : null}
      {wantsSameKey && labels.sameKey ? (
        <div role="status" data-testid="renewal-key-status" data-state={sameKey === undefined ? "checking" : sameKey ? "found" : "missing"} className="space-y-2">
          <p className={keyMissing ? "text-amber-900" : "text-slate-800"}>{sameKey === undefined ? labels.sameKey.checking : sameKey ? labels.sameKey.found : labels.sameKey.missing}</p>
          {keyMissing && kinds.includes("REKEY") ? (
            <button type="button" className={buttonClass.secondary} onClick={() => setKind("REKEY")}>
              {labels.sameKey.useRekey}
            </button>
          ) : null}
        </div>
      ) : null}
      {!wantsSameKey && keyModes.length > 1 && labels.keyMode ? (
        <fieldset className="space-y-2" disabled={draftId !== null}>
          <legend className="mb-1 font-medium text-slate-800">{labels.keyLegend}</legend>
          {keyModes.map((m) => (
            <label key={m} className="flex items-start gap-2">
              <input type="radio" name="renewalKeyMode" value={m} checked={mode === m} onChange={() => setMode(m)} className="mt-1 size-5" />
              <span>{labels.keyMode![m]}</span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {!wantsSameKey && mode === "csr" ? (
        <div className="space-y-1">
          <label htmlFor="renewal-csr" className="block font-medium">
            {labels.csrLabel}
          </label>
          <textarea id="renewal-csr" rows={6} value={csrText} onChange={(e) => setCsrText(e.target.value)} className={`${inputClass} font-mono text-sm`} disabled={draftId !== null} />
        </div>
      ) : null}
      <fieldset className="space-y-2">
        <legend className="mb-1 text-slate-700">{labels.declarationsIntro}</legend>
        {DECLARATIONS.map((d) => (
          <label key={d} className="flex items-start gap-2">
            <input type="checkbox" checked={checked[d] === true} onChange={(e) => setChecked((x) => ({ ...x, [d]: e.target.checked }))} className="mt-1 size-5" />
            <span>{labels.declarations[d]}</span>
          </label>
        ))}
      </fieldset>
      <button type="button" className={buttonClass.primary} onClick={run} disabled={busy || !keyReady || !DECLARATIONS.every((d) => checked[d])}>
        {busy ? labels.working : labels.submit[kind]}
      </button>
    </div>
  );
}
