"use client";

import { useState } from "react";
import { challengeStep, recordTestStep } from "@/app/certificates/test-actions";
import { base64, browserSigner, fileSigner, signText } from "@/client/certificate-signer";
import { signSealPdf, TimestampUnavailable } from "@/client/pdf-seal-sign";
import { pemToDer } from "@/client/pkcs12";
import { Pkcs12PasswordError } from "@/client/pkcs12-read";
import { Pkcs12Picker } from "@/components/portal/pkcs12-picker";
import { sealTestStep } from "@/app/certificates/[id]/test/seal-actions";
import { buttonClass } from "@/components/ui/styles";
import type { SealCheck } from "@/server/certificate/server-check";
import { SealSample } from "./test-seal-sample";

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
  seal: {
    sampleTitle: string;
    sampleText: string;
    sealAlt: string;
    placeholder: string;
    pdfLegend: string;
    download: string;
    timestampFailed: string;
    sm2Unavailable: string;
    checks: Record<SealCheck, string>;
  };
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
  cert: {
    id: string;
    applicationId: string | null;
    pem: string;
    chainPems: string[];
    subject: string;
    serial: string;
    validity: string;
    issuer: string;
    usage: string;
    isSeal: boolean;
    sealImage: string | null;
    /** The server's sample PDF (base64) to sign; null for an SM2 certificate (PAdES readers cannot check SM2). */
    sealPdf: string | null;
  };
  labels: TestLabels;
}) {
  const [results, setResults] = useState<Record<Kind, Outcome>>({ INFO_LOADING: { state: "idle" }, CERTIFICATE: { state: "idle" }, SEAL: { state: "idle" } });
  const [busy, setBusy] = useState(false);
  const [p12File, setP12File] = useState<File | null>(null);
  const [p12Password, setP12Password] = useState("");
  const [p12Error, setP12Error] = useState<string | null>(null);
  const [p12Reader, setP12Reader] = useState<string | null>(null);
  const [signedPdf, setSignedPdf] = useState<string | null>(null);
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

      // 3. Seal test: only for seal certificates. The server made a sample PDF with the
      // organisation's seal image on it; it is signed here with the same key as PAdES B-T (CMS
      // over the /ByteRange, our TSA's timestamp over the signature) and the server verifies it.
      if (!cert.isSeal) set("SEAL", { state: "na", reason: labels.reasons.notSeal });
      else if (!cert.sealPdf) set("SEAL", { state: "na", reason: labels.seal.sm2Unavailable });
      else {
        set("SEAL", { state: "running" });
        const signer = fileKey ?? key;
        if (!signer) {
          const r = await recordTestStep({ certificateId: cert.id, kind: "SEAL", passed: false, details: { keySource: "none" } });
          set("SEAL", { state: "fail", reason: r.status === "done" ? labels.reasons.noKey : r.message });
        } else if (signer.algorithm === "SM2") {
          set("SEAL", { state: "na", reason: labels.seal.sm2Unavailable });
        } else {
          setSignedPdf(null);
          let signed: Uint8Array<ArrayBuffer> | undefined;
          try {
            signed = await signSealPdf(fromBase64(cert.sealPdf), pemToDer(cert.pem), cert.chainPems.map(pemToDer), signer, fetchTimestamp);
          } catch (e) {
            if (!(e instanceof TimestampUnavailable)) throw e;
            set("SEAL", { state: "fail", reason: labels.seal.timestampFailed });
          }
          if (signed) {
            const r = await sealTestStep({ certificateId: cert.id, pdf: base64(signed) });
            if (r.status === "error") set("SEAL", { state: "fail", reason: r.message });
            else {
              setSignedPdf(URL.createObjectURL(new Blob([signed], { type: "application/pdf" })));
              set("SEAL", { state: r.data.passed ? "pass" : "fail", reason: labels.seal.checks[r.data.serverCheck] });
            }
          }
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
      {cert.isSeal && cert.sealPdf ? <p className="text-sm text-slate-600">{labels.seal.pdfLegend}</p> : null}
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
        {signedPdf ? (
          <a href={signedPdf} download={`seal-test-${cert.serial}.pdf`} className={buttonClass.secondary} data-testid="seal-pdf-download">
            {labels.seal.download}
          </a>
        ) : null}
        <a href={`/certificates/${cert.id}`} className={buttonClass.secondary}>
          {labels.back}
        </a>
      </div>
    </div>
  );
}

function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

/** Our TSA (RFC 3161) on this origin; a refusal or an unreachable service stops the seal test before anything is sent. */
async function fetchTimestamp(request: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const r = await fetch("/pki/tsa", { method: "POST", headers: { "content-type": "application/timestamp-query" }, body: request }).catch(() => undefined);
  if (!r?.ok) throw new TimestampUnavailable(`TSA answered ${r?.status ?? "nothing"}`);
  return new Uint8Array(await r.arrayBuffer());
}
