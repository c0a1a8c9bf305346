"use client";

import { useState, type FormEvent } from "react";
import { buttonClass, inputClass } from "@/components/ui/styles";
import { formatDateTime } from "@/i18n/format";

type Kind = "certificate" | "signature" | "timestamp";
interface Check {
  id: string;
  outcome: "pass" | "fail" | "cannot_tell";
  reason: string;
  en: string;
  zh: string;
  detail?: string;
  facts?: { at?: string; revokedAt?: string; revocationReason?: string; genTime?: string; signatureAlgorithm?: string; keyAlgorithm?: string };
}
interface Answer {
  verdict: { overall: "valid" | "invalid" | "indeterminate"; checks: Check[] };
  report: { digest: string; reportId: string };
  reportHtml: string;
}

export interface VerifyLabels {
  kind: string;
  kinds: Record<Kind, string>;
  certificateFile: string;
  signatureFile: string;
  signedFileOptional: string;
  timestampFile: string;
  timestampData: string;
  submit: string;
  checking: string;
  verdict: string;
  overall: Record<Answer["verdict"]["overall"], string>;
  checks: string;
  outcome: Record<Check["outcome"], string>;
  checkNames: Record<string, string>;
  downloadHtml: string;
  downloadJson: string;
  digest: string;
  failed: string;
  /** Names of the facts a check reports, and the revocation reasons by CRL name (keyCompromise). */
  facts: { at: string; revokedAt: string; revocationReason: string; genTime: string; technical: string; signatureAlgorithm: string; keyAlgorithm: string };
  reasons: Record<string, string>;
}

const TONE = { valid: "border-green-300 bg-green-50 text-green-950", invalid: "border-red-300 bg-red-50 text-red-950", indeterminate: "border-amber-300 bg-amber-50 text-amber-950" };
const OUTCOME_TONE = { pass: "text-green-800", fail: "text-red-800", cannot_tell: "text-amber-900" };
const ICON = { pass: "✓", fail: "✗", cannot_tell: "?" };

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The verification form: files go to /verify/check, the verdict comes back check by check. */
export function VerifyForm({ labels, lang }: { labels: VerifyLabels; lang: "zh" | "en" }) {
  const [kind, setKind] = useState<Kind>("certificate");
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setAnswer(null);
    setError(null);
    try {
      const res = await fetch("/verify/check", { method: "POST", body: new FormData(e.currentTarget) });
      const body = (await res.json()) as Answer & { error?: { message: string } };
      if (!res.ok) setError(body.error?.message ?? String(res.status));
      else setAnswer(body);
    } catch {
      setError(String("network"));
    } finally {
      setBusy(false);
    }
  }

  const file = (name: string, label: string, required: boolean) => (
    <div className="space-y-1">
      <label htmlFor={`f-${name}`} className="block font-medium text-slate-800">
        {label}
      </label>
      <input id={`f-${name}`} name={name} type="file" required={required} className={`${inputClass} file:mr-3 file:rounded file:border-0 file:bg-brand-50 file:px-3 file:py-1 file:text-brand-800`} />
    </div>
  );

  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} className="space-y-4" aria-busy={busy}>
        <fieldset>
          <legend className="mb-2 font-medium text-slate-800">{labels.kind}</legend>
          <div className="flex flex-wrap gap-3">
            {(["certificate", "signature", "timestamp"] as const).map((k) => (
              <label key={k} className="flex min-h-11 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => { setKind(k); setAnswer(null); }} />
                {labels.kinds[k]}
              </label>
            ))}
          </div>
        </fieldset>
        {kind === "certificate" ? file("certificate", labels.certificateFile, true) : null}
        {kind === "signature" ? (
          <>
            {file("signature", labels.signatureFile, true)}
            {file("signedData", labels.signedFileOptional, false)}
          </>
        ) : null}
        {kind === "timestamp" ? (
          <>
            {file("timestampToken", labels.timestampFile, true)}
            {file("signedData", labels.timestampData, true)}
          </>
        ) : null}
        <button type="submit" disabled={busy} className={buttonClass.primary}>
          {busy ? labels.checking : labels.submit}
        </button>
      </form>

      {error ? (
        <div role="alert" data-alert="error" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {labels.failed}
          {error}
        </div>
      ) : null}

      {answer ? (
        <section aria-labelledby="verdict-title" className={`rounded-lg border p-5 ${TONE[answer.verdict.overall]}`} data-testid="verdict" data-overall={answer.verdict.overall}>
          <h2 id="verdict-title" className="text-xl font-semibold">
            {labels.verdict}: <span data-testid="verdict-overall">{labels.overall[answer.verdict.overall]}</span>
          </h2>
          <h3 className="mt-4 font-semibold">{labels.checks}</h3>
          <ol className="mt-2 space-y-2" data-testid="verdict-checks">
            {answer.verdict.checks.map((c, i) => (
              <li key={i} data-check={c.id} data-outcome={c.outcome} className="rounded bg-white/80 p-3 text-slate-900">
                <p className="font-medium">
                  <span aria-hidden="true" className={`mr-2 font-bold ${OUTCOME_TONE[c.outcome]}`}>
                    {ICON[c.outcome]}
                  </span>
                  {labels.checkNames[c.id] ?? c.id}: <span className={OUTCOME_TONE[c.outcome]}>{labels.outcome[c.outcome]}</span>
                </p>
                <p className="text-sm">{lang === "en" ? c.en : c.zh}</p>
                {c.facts ? <CheckFacts facts={c.facts} labels={labels} locale={lang === "en" ? "en" : "zh-CN"} /> : null}
                {c.detail ? (
                  // The record's own wording (UTC, CRL names), kept for whoever compares it with the report.
                  <p className="break-all text-xs text-slate-700">
                    {labels.facts.technical}: <code>{c.detail}</code>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
          <p className="mt-4 break-all text-sm">
            {labels.digest}: <code>{answer.report.digest}</code>
          </p>
          <div className="mt-3 flex flex-wrap gap-3">
            <button type="button" className={buttonClass.secondary} onClick={() => download(`verification-${answer.report.reportId}.html`, "text/html", answer.reportHtml)}>
              {labels.downloadHtml}
            </button>
            <button type="button" className={buttonClass.secondary} onClick={() => download(`verification-${answer.report.reportId}.json`, "application/json", JSON.stringify(answer.report, null, 2))}>
              {labels.downloadJson}
            </button>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** A check's facts in words: times in Beijing time, the revocation reason as its label. */
function CheckFacts({ facts, labels, locale }: { facts: NonNullable<Check["facts"]>; labels: VerifyLabels; locale: string }) {
  const rows: [string, string][] = [];
  if (facts.revocationReason) rows.push([labels.facts.revocationReason, labels.reasons[facts.revocationReason] ?? labels.reasons.unspecified ?? ""]);
  if (facts.revokedAt) rows.push([labels.facts.revokedAt, formatDateTime(facts.revokedAt, locale, { seconds: true })]);
  if (facts.at) rows.push([labels.facts.at, formatDateTime(facts.at, locale, { seconds: true })]);
  if (facts.genTime) rows.push([labels.facts.genTime, formatDateTime(facts.genTime, locale, { seconds: true })]);
  // Algorithm names are the same in every language (SM2, SM3withSM2, SHA256withRSA): only their labels are translated.
  if (facts.keyAlgorithm) rows.push([labels.facts.keyAlgorithm, facts.keyAlgorithm]);
  if (facts.signatureAlgorithm) rows.push([labels.facts.signatureAlgorithm, facts.signatureAlgorithm]);
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-sm" data-testid="check-facts">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-700">{k}</dt>
          <dd className="min-w-0 break-words">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
