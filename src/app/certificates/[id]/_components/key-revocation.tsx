"use client";

import { useEffect, useState } from "react";
import { useRouter } from "next/navigation";
import { keyRevocationStep, revocationChallengeStep } from "@/app/certificates/hold-and-key-actions";
import { browserSigner, fileSigner, signText, type CertificateSigner } from "@/client/certificate-signer";
import { Pkcs12PasswordError } from "@/client/pkcs12-read";
import { Pkcs12Picker, type Pkcs12PickerLabels } from "@/components/portal/pkcs12-picker";
import { buttonClass, inputClass } from "@/components/ui/styles";
import type { SUBSCRIBER_REVOCATION_REASONS } from "@/domain/revocation";

type Reason = (typeof SUBSCRIBER_REVOCATION_REASONS)[number];

export interface KeyRevocationLabels {
  title: string;
  intro: string;
  browserKey: string;
  noBrowserKey: string;
  reason: string;
  button: string;
  working: string;
  /** "{compliantAt}" and "{dueAt}" are filled in. */
  done: string;
  receipt: string;
  p12: Pkcs12PickerLabels & { wrongPassword: string; unreadable: string };
}

type Done = { requestId: string; times: { receivedAt: string; compliantAt: string | null; dueAt: string | null }; shown: { compliantAt: string; dueAt: string } };

/**
 * Clause 1.4, revocation proven by the certificate's own key: the server's challenge (bound to the
 * certificate, this user and the reason) is signed in this browser with the key kept here or read
 * from a picked PKCS#12 file (client/certificate-signer, the same signer as the certificate test),
 * and the request is compliant at once: the 24-hour clock starts when it arrives, no officer wait.
 * The server verifies the signature; a failed proof is refused and recorded. Without a key the
 * ordinary request above stays available.
 */
export function KeyRevocation({
  certificateId,
  applicationId,
  reasons,
  labels,
}: {
  certificateId: string;
  applicationId: string | null;
  reasons: { value: Reason; label: string }[];
  labels: KeyRevocationLabels;
}) {
  const router = useRouter();
  const [browserKey, setBrowserKey] = useState<CertificateSigner | null>(null);
  const [reason, setReason] = useState<Reason>(reasons[0]!.value);
  const [p12File, setP12File] = useState<File | null>(null);
  const [p12Password, setP12Password] = useState("");
  const [p12Error, setP12Error] = useState<string | null>(null);
  const [p12Reader, setP12Reader] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  useEffect(() => {
    void browserSigner(applicationId).then((k) => setBrowserKey(k ?? null));
  }, [applicationId]);

  async function prove() {
    setBusy(true);
    setError(null);
    setP12Error(null);
    try {
      // A picked file is opened first: a wrong password stops here, before anything is asked of the server.
      let signer: CertificateSigner | null = browserKey;
      if (p12File) {
        try {
          const fromFile = await fileSigner(p12File, p12Password);
          setP12Reader(fromFile.reader);
          signer = fromFile;
        } catch (e) {
          setP12Error(e instanceof Pkcs12PasswordError ? labels.p12.wrongPassword : labels.p12.unreadable);
          return;
        }
      }
      if (!signer) return setError(labels.noBrowserKey);
      const challenge = await revocationChallengeStep({ certificateId, reason });
      if (challenge.status === "error") return setError(challenge.message);
      const signature = await signText(signer, challenge.data.challenge);
      const r = await keyRevocationStep({ certificateId, reason, keySignature: { challenge: challenge.data.challenge, signature } });
      if (r.status === "error") return setError(r.message);
      setDone(r.data);
      router.refresh();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="mt-6 space-y-3 border-t border-slate-200 pt-4" data-testid="key-revocation" aria-labelledby="key-revocation-title">
      <h3 id="key-revocation-title" className="font-semibold">
        {labels.title}
      </h3>
      <p className="text-sm text-slate-700">{labels.intro}</p>
      {done ? (
        <div
          role="status"
          data-alert="success"
          data-testid="key-revocation-done"
          data-received-at={done.times.receivedAt}
          data-compliant-at={done.times.compliantAt ?? ""}
          data-due-at={done.times.dueAt ?? ""}
          className="rounded-md border border-green-300 bg-green-50 px-4 py-3 text-green-950"
        >
          <p>{labels.done.replace("{compliantAt}", done.shown.compliantAt).replace("{dueAt}", done.shown.dueAt)}</p>
          <a href={`/certificates/${certificateId}/receipt/${done.requestId}`} className="font-medium underline" download>
            {labels.receipt}
          </a>
        </div>
      ) : (
        <>
          <p className="text-sm" data-testid="key-revocation-key" data-browser-key={browserKey ? "yes" : "no"}>
            {browserKey ? labels.browserKey : labels.noBrowserKey}
          </p>
          {error ? (
            <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
              {error}
            </div>
          ) : null}
          <label htmlFor="key-revoke-reason" className="block font-medium">
            {labels.reason}
          </label>
          <select id="key-revoke-reason" value={reason} onChange={(e) => setReason(e.target.value as Reason)} className={inputClass}>
            {reasons.map((r) => (
              <option key={r.value} value={r.value}>
                {r.label}
              </option>
            ))}
          </select>
          <Pkcs12Picker
            labels={labels.p12}
            password={p12Password}
            error={p12Error}
            reader={p12Reader}
            onFile={(f) => {
              setP12File(f);
              setP12Error(null);
            }}
            onPassword={(p) => {
              setP12Password(p);
              setP12Error(null);
            }}
          />
          <button type="button" className={buttonClass.primary} onClick={prove} disabled={busy || (!browserKey && !p12File)}>
            {busy ? labels.working : labels.button}
          </button>
        </>
      )}
    </section>
  );
}
