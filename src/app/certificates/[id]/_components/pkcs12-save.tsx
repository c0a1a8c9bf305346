"use client";

import { useEffect, useState, type FormEvent } from "react";
import { loadKey, type StoredKey } from "@/client/key-store";
import { pkcs12PasswordProblems } from "@/domain/certificate";
import { buttonClass, inputClass } from "@/components/ui/styles";

export interface Pkcs12Labels {
  title: string;
  intro: string;
  password: string;
  repeat: string;
  hint: string;
  mismatch: string;
  weak: string;
  save: string;
  working: string;
  done: string;
}

/** Offers the key kept in this browser, with the certificate and chain, as a password-protected PKCS#12. */
export function Pkcs12Save({ applicationId, pems, fileName, labels }: { applicationId: string; pems: string[]; fileName: string; labels: Pkcs12Labels }) {
  const [key, setKey] = useState<StoredKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    loadKey(applicationId)
      .then((k) => setKey(k ?? null))
      .catch(() => setKey(null));
  }, [applicationId]);
  if (!key) return null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("p12-password") ?? "");
    const problems = pkcs12PasswordProblems(password, String(form.get("p12-repeat") ?? ""));
    if (problems.includes("mismatch")) return setError(labels.mismatch);
    if (problems.length > 0) return setError(labels.weak);
    setError(null);
    setBusy(true);
    try {
      const { buildBrowserPkcs12, pemToDer } = await import("@/client/pkcs12");
      const p12 = await buildBrowserPkcs12(key!.privateKey, pems.map(pemToDer), password);
      const url = URL.createObjectURL(new Blob([Uint8Array.from(p12)], { type: "application/x-pkcs12" }));
      const a = document.createElement("a");
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setDone(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-3 rounded-md border border-slate-200 p-4" data-testid="pkcs12-save">
      <p className="font-medium">{labels.title}</p>
      <p className="text-sm text-slate-700">{labels.intro}</p>
      {error ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-2 text-red-900">
          {error}
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="p12-password" className="block font-medium">
            {labels.password}
          </label>
          <input id="p12-password" name="p12-password" type="password" autoComplete="new-password" required aria-describedby="p12-hint" className={inputClass} />
        </div>
        <div className="space-y-1">
          <label htmlFor="p12-repeat" className="block font-medium">
            {labels.repeat}
          </label>
          <input id="p12-repeat" name="p12-repeat" type="password" autoComplete="new-password" required className={inputClass} />
        </div>
      </div>
      <p id="p12-hint" className="text-sm text-slate-600">
        {labels.hint}
      </p>
      <button type="submit" className={buttonClass.secondary} disabled={busy}>
        {busy ? labels.working : labels.save}
      </button>
      {done ? (
        <p role="status" className="text-sm text-green-800">
          {labels.done}
        </p>
      ) : null}
    </form>
  );
}
