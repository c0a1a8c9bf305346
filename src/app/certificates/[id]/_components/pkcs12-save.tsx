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
  /** For an SM2 key: what opens the files, and the second format offered (encrypted PKCS#8 PEM). */
  sm2Note: string;
  savePem: string;
  donePem: string;
}

/**
 * Offers the key kept in this browser, with the certificate and chain, as a password-protected
 * PKCS#12; an SM2 key also as an encrypted PKCS#8 PEM key file (OpenSSL 3.0 reads both, checked in
 * tests/unit/client/sm2-browser-key.test.ts; Windows cannot import an SM2 key from either).
 */
export function Pkcs12Save({ applicationId, pems, fileName, labels }: { applicationId: string; pems: string[]; fileName: string; labels: Pkcs12Labels }) {
  const [key, setKey] = useState<StoredKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<"p12" | "pem" | null>(null);
  useEffect(() => {
    loadKey(applicationId)
      .then((k) => setKey(k ?? null))
      .catch(() => setKey(null));
  }, [applicationId]);
  if (!key) return null;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const format = (e.nativeEvent as SubmitEvent).submitter?.getAttribute("value") === "pem" ? "pem" : "p12";
    const form = new FormData(e.currentTarget);
    const password = String(form.get("p12-password") ?? "");
    const problems = pkcs12PasswordProblems(password, String(form.get("p12-repeat") ?? ""));
    if (problems.includes("mismatch")) return setError(labels.mismatch);
    if (problems.length > 0) return setError(labels.weak);
    setError(null);
    setBusy(true);
    try {
      const { storedKeyPkcs8 } = await import("@/client/browser-key");
      const pkcs8 = await storedKeyPkcs8(key!);
      let blob: Blob;
      if (format === "pem") {
        const { encryptedPkcs8Pem } = await import("@/client/pkcs8-export");
        blob = new Blob([await encryptedPkcs8Pem(pkcs8, password)], { type: "application/x-pem-file" });
      } else {
        const { buildBrowserPkcs12, pemToDer } = await import("@/client/pkcs12");
        blob = new Blob([Uint8Array.from(await buildBrowserPkcs12(pkcs8, pems.map(pemToDer), password))], { type: "application/x-pkcs12" });
      }
      pkcs8.fill(0);
      const url = URL.createObjectURL(blob);
      const a = document.createElement("a");
      a.href = url;
      a.download = format === "pem" ? fileName.replace(/\.p12$/, "") + ".key.pem" : fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setDone(format);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="mt-4 space-y-3 rounded-md border border-slate-200 p-4" data-testid="pkcs12-save">
      <p className="font-medium">{labels.title}</p>
      <p className="text-sm text-slate-700">{labels.intro}</p>
      {key.algorithm === "SM2" ? (
        <p className="text-sm text-slate-700" data-testid="sm2-export-note">
          {labels.sm2Note}
        </p>
      ) : null}
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
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="format" value="p12" className={buttonClass.secondary} disabled={busy}>
          {busy ? labels.working : labels.save}
        </button>
        {key.algorithm === "SM2" ? (
          <button type="submit" name="format" value="pem" className={buttonClass.secondary} disabled={busy} data-testid="save-pkcs8-pem">
            {busy ? labels.working : labels.savePem}
          </button>
        ) : null}
      </div>
      {done ? (
        <p role="status" className="text-sm text-green-800">
          {done === "pem" ? labels.donePem : labels.done}
        </p>
      ) : null}
    </form>
  );
}
