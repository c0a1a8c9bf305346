"use client";

import { useEffect, useState } from "react";
import { keyEnvelopeStep } from "@/app/certificates/[id]/key-envelope-actions";
import { findCertificateKey } from "@/client/key-store";
import { EnvelopeError, openAndStoreEncryptionKey, type EnvelopeFailure } from "@/client/open-key-envelope";
import { unwrapSm2PrivateKey } from "@/client/sm2-key-wrap";
import { buttonClass } from "@/components/ui/styles";

export interface KeyEnvelopeLabels {
  title: string;
  intro: string;
  button: string;
  working: string;
  stored: string;
  matches: string;
  noSigningKey: string;
  failed: Record<EnvelopeFailure, string>;
}

type State = { kind: "idle" } | { kind: "working" } | { kind: "stored" } | { kind: "opened"; publicKeyHex: string } | { kind: "error"; message: string };

/**
 * GM/T 0034 dual certificates: the encryption key the CA's key-management component made comes
 * enveloped to the signing key this browser holds. The card fetches the envelope, opens it here
 * with the signing key (src/client/open-key-envelope.ts), checks the key against the encryption
 * certificate, says so, and keeps the key in IndexedDB beside the signing key.
 */
export function KeyEnvelopeCard({ certificateId, encryptionSpkiSha256, labels }: { certificateId: string; encryptionSpkiSha256: string; labels: KeyEnvelopeLabels }) {
  const [state, setState] = useState<State>({ kind: "idle" });

  useEffect(() => {
    let live = true;
    findCertificateKey(null, encryptionSpkiSha256)
      .then((k) => live && k && setState((s) => (s.kind === "idle" ? { kind: "stored" } : s)))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [encryptionSpkiSha256]);

  async function open() {
    setState({ kind: "working" });
    const r = await keyEnvelopeStep({ certificateId });
    if (r.status !== "done") return setState({ kind: "error", message: r.message });
    const v = r.data;
    const signing = await findCertificateKey(v.signingApplicationId, v.signingSpkiSha256);
    if (!signing || signing.algorithm !== "SM2") return setState({ kind: "error", message: labels.noSigningKey });
    try {
      const pair = await unwrapSm2PrivateKey(signing.wrappedPrivateKey, signing.publicKeyHex);
      const opened = await openAndStoreEncryptionKey({
        envelope: fromBase64(v.envelopeBase64),
        encryptionCertificate: fromBase64(v.encryptionCertificatePem.replace(/-----[^-]+-----|\s/g, "")),
        signing: pair,
        signingApplicationId: v.signingApplicationId ?? v.signingCertificateId,
      });
      setState({ kind: "opened", publicKeyHex: opened.publicKeyHex });
    } catch (e) {
      setState({ kind: "error", message: e instanceof EnvelopeError ? labels.failed[e.reason] : labels.failed.MALFORMED });
    }
  }

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" id="key-envelope" data-testid="key-envelope">
      <h2 className="mb-2 text-lg font-semibold">{labels.title}</h2>
      <p className="mb-3 text-slate-700">{labels.intro}</p>
      {state.kind === "opened" ? (
        <p role="status" data-testid="key-envelope-matches" data-public-key={state.publicKeyHex} className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-3 text-emerald-950">
          {labels.matches}
        </p>
      ) : state.kind === "stored" ? (
        <p role="status" data-testid="key-envelope-stored" className="mb-3 text-emerald-900">
          {labels.stored}
        </p>
      ) : null}
      {state.kind === "error" ? (
        <p role="alert" data-testid="key-envelope-error" className="mb-3 rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </p>
      ) : null}
      {state.kind !== "opened" ? (
        <button type="button" className={buttonClass.primary} onClick={open} disabled={state.kind === "working"} data-testid="key-envelope-open">
          {state.kind === "working" ? labels.working : labels.button}
        </button>
      ) : null}
    </section>
  );
}

function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
}
