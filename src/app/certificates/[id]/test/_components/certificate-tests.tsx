"use client";

import { useState } from "react";
import { challengeStep, recordTestStep } from "@/app/certificates/test-actions";
import { browserSigner, fileSigner, signText } from "@/client/certificate-signer";
import { Pkcs12PasswordError } from "@/client/pkcs12-read";
import { Pkcs12Picker } from "@/components/portal/pkcs12-picker";
import { sealTestStep } from "@/app/certificates/[id]/test/seal-actions";
import { buttonClass } from "@/components/ui/styles";
import type { SealCheck } from "@/server/certificate/server-check";
import { SealSample, sealImageBytes } from "./test-seal-sample";

type Kind = "INFO_LOADING" | "CERTIFICATE" | "SEAL";
type Outcome = { state: "idle" | "running" | "pass" | "fail" | "na"; reason?: string };

export interface TestLabels {
  run: string;
  running: string;
  pass: string;
  fail: string;
  na: string;
  names: Record<Kind, string>;
  fields: { subject: string; serial: string; validity: string; issuer: string; usage: string };
  reasons: { pemMissing: string; noKey: string; keyMismatch: string; serverRefused: string; signatureValid: string; notSeal: string; loaded: string };
  back: string;
  seal: { sampleTitle: string; sampleText: string; sealAlt: string; placeholder: string; checks: Record<SealCheck, string> };
  p12: { legend: string; file: string; password: string; hint: string; wrongPassword: string; unreadable: string; fromFile: string };
}

/**
 * The three tests of clause 1.8, each shown running and then passed or failed with its reason.
 * The certificate test signs the server's challenge with the private key kept in this browser;
 * the server, not this page, decides whether the signature is valid.
 */
export function CertificateTests({
  cert,
  labels,
}: {
  cert: { id: string; applicationId: string | null; pem: string; subject: string; serial: string; validity: string; issuer: string; usage: string; isSeal: boolean; sealImage: string | null };
  labels: TestLabels;
}) {
  const [results, setResults] = useState<Record<Kind, Outcome>>({ INFO_LOADING: { state: "idle" }, CERTIFICATE: { state: "idle" }, SEAL: { state: "idle" } });
  const [busy, setBusy] = useState(false);
  const [p12File, setP12File] = useState<File | null>(null);
  const [p12Password, setP12Password] = useState("");
  const [p12Error, setP12Error] = useState<string | null>(null);
  const [p12Reader, setP12Reader] = useState<string | null>(null);
  const set = (k: Kind, o: Outcome) => setResults((r) => ({ ...r, [k]: o }));

  async function runAll() {
    setBusy(true);
    setP12Error(null);
    try {
      // A picked PKCS#12 file is opened here first: a wrong password stops everything before
      // anything is sent to the server.
      let fileKey: Awaited<ReturnType<typeof fileSigner>> | undefined;
      if (p12File) {
        try {
          fileKey = await fileSigner(p12File, p12Password);
          setP12Reader(fileKey.reader);
        } catch (e) {
          setP12Error(e instanceof Pkcs12PasswordError ? labels.p12.wrongPassword : labels.p12.unreadable);
          return;
        }
      }

      // 1. Information loading: the certificate is read and its fields shown.
      set("INFO_LOADING", { state: "running" });
      const loaded = cert.pem.includes("BEGIN CERTIFICATE") && cert.subject.length > 0;
      // The evidence is the serial number shown: the server passes the test only if it is this certificate's.
      const info = await recordTestStep({ certificateId: cert.id, kind: "INFO_LOADING", passed: loaded, details: { fieldsShown: 5, shownSerial: cert.serial } });
      set("INFO_LOADING", info.status === "done" && info.data.passed ? { state: "pass", reason: labels.reasons.loaded } : { state: "fail", reason: info.status === "done" ? labels.reasons.pemMissing : info.message });

      // 2. Certificate test: sign the server challenge with the key kept in this browser.
      set("CERTIFICATE", { state: "running" });
      const key = fileKey ? undefined : await browserSigner(cert.applicationId);
      const challenge = await challengeStep(cert.id);
      if (challenge.status === "error") {
        set("CERTIFICATE", { state: "fail", reason: challenge.message });
      } else if (fileKey) {
        const signature = await signText(fileKey, challenge.data.challenge);
        const r = await recordTestStep({ certificateId: cert.id, kind: "CERTIFICATE", passed: true, details: { keySource: "pkcs12-file", pkcs12Reader: fileKey.reader }, challenge: challenge.data.challenge, signature });
        if (r.status === "error") set("CERTIFICATE", { state: "fail", reason: r.message });
        else set("CERTIFICATE", r.data.passed ? { state: "pass", reason: `${labels.reasons.signatureValid} ${labels.p12.fromFile}` } : { state: "fail", reason: r.data.serverCheck === "SIGNATURE_INVALID" ? labels.reasons.keyMismatch : labels.reasons.serverRefused });
      } else if (!key) {
        const r = await recordTestStep({ certificateId: cert.id, kind: "CERTIFICATE", passed: false, details: { keySource: "none" } });
        set("CERTIFICATE", { state: "fail", reason: r.status === "done" ? labels.reasons.noKey : r.message });
      } else {
        const signature = await signText(key, challenge.data.challenge);
        const r = await recordTestStep({ certificateId: cert.id, kind: "CERTIFICATE", passed: true, details: { keySource: "indexeddb" }, challenge: challenge.data.challenge, signature });
        if (r.status === "error") set("CERTIFICATE", { state: "fail", reason: r.message });
        else set("CERTIFICATE", r.data.passed ? { state: "pass", reason: labels.reasons.signatureValid } : { state: "fail", reason: r.data.serverCheck === "SIGNATURE_INVALID" ? labels.reasons.keyMismatch : labels.reasons.serverRefused });
      }

      // 3. Seal test: only for seal certificates. The seal image is placed on the sample document,
      // the document (canonical JSON naming the image by its SHA-256) is signed with the same key,
      // and the server verifies the signature and that the image is the application's seal.
      if (!cert.isSeal) set("SEAL", { state: "na", reason: labels.reasons.notSeal });
      else {
        set("SEAL", { state: "running" });
        const signer = fileKey ?? key;
        if (!signer) {
          const r = await recordTestStep({ certificateId: cert.id, kind: "SEAL", passed: false, details: { keySource: "none" } });
          set("SEAL", { state: "fail", reason: r.status === "done" ? labels.reasons.noKey : r.message });
        } else {
          const image = sealImageBytes(cert.sealImage);
          const hash = [...new Uint8Array(await crypto.subtle.digest("SHA-256", image))].map((b) => b.toString(16).padStart(2, "0")).join("");
          const document = JSON.stringify({ type: "seal-test-sample", certificateSerial: cert.serial, sealImageSha256: hash, sealSource: cert.sealImage ? "application" : "placeholder", text: labels.seal.sampleText });
          const r = await sealTestStep({ certificateId: cert.id, document, signature: await signText(signer, document) });
          if (r.status === "error") set("SEAL", { state: "fail", reason: r.message });
          else set("SEAL", { state: r.data.passed ? "pass" : "fail", reason: labels.seal.checks[r.data.serverCheck] });
        }
      }
    } finally {
      setBusy(false);
    }
  }

  const tone = { idle: "bg-slate-100", running: "bg-brand-50", pass: "bg-green-50", fail: "bg-red-50", na: "bg-slate-100" };
  const word = (o: Outcome) => (o.state === "pass" ? labels.pass : o.state === "fail" ? labels.fail : o.state === "running" ? labels.running : o.state === "na" ? labels.na : "");
  return (
    <div className="space-y-4">
      <dl className="grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]" data-testid="certificate-fields">
        <dt className="font-medium text-slate-600">{labels.fields.subject}</dt>
        <dd className="break-all">{cert.subject}</dd>
        <dt className="font-medium text-slate-600">{labels.fields.serial}</dt>
        <dd className="break-all font-mono">{cert.serial}</dd>
        <dt className="font-medium text-slate-600">{labels.fields.validity}</dt>
        <dd>{cert.validity}</dd>
        <dt className="font-medium text-slate-600">{labels.fields.issuer}</dt>
        <dd className="break-all">{cert.issuer}</dd>
        <dt className="font-medium text-slate-600">{labels.fields.usage}</dt>
        <dd>{cert.usage}</dd>
      </dl>
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
      {cert.isSeal ? <SealSample image={cert.sealImage} serial={cert.serial} subject={cert.subject} labels={labels.seal} /> : null}
      <ol className="space-y-2" aria-live="polite">
        {(["INFO_LOADING", "CERTIFICATE", "SEAL"] as const).map((k, i) => (
          <li key={k} className={`rounded-md p-3 ${tone[results[k].state]}`} data-testid={`test-${k}`} data-state={results[k].state}>
            <p className="font-medium">
              {i + 1}. {labels.names[k]}: <span>{word(results[k])}</span>
            </p>
            {results[k].reason ? <p className="text-sm">{results[k].reason}</p> : null}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <button type="button" className={buttonClass.primary} onClick={runAll} disabled={busy}>
          {busy ? labels.running : labels.run}
        </button>
        <a href={`/certificates/${cert.id}`} className={buttonClass.secondary}>
          {labels.back}
        </a>
      </div>
    </div>
  );
}
