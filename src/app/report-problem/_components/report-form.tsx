"use client";

import { useActionState, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDateTime } from "@/i18n/format";
import Link from "next/link";
import { normaliseSerial } from "@/domain/certificate";
import { PROBLEM_REPORT_CATEGORIES, keyProofCommands, keyProofText, searchProofOfWork, sha256 } from "@/domain/problem-report";
import { proofOfWorkChallengeStep, submitProblemReportAction } from "@/app/report-problem/actions";
import { idleState, type ActionState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { inputClass } from "@/components/ui/styles";

type Done = { reference: string; statusPath: string; preliminaryDueAt: string; keyCompromiseDemonstrated: boolean };

/** Finds the proof-of-work nonce in slices, yielding to the page between them so it stays responsive. */
async function solve(challenge: string, bits: number): Promise<string> {
  for (let start = 0; ; start += 4096) {
    const found = searchProofOfWork(challenge, bits, start, 4096, sha256);
    if (found !== null) return found;
    await new Promise((r) => setTimeout(r, 0));
  }
}

/**
 * The public report form. Before sending, the browser fetches a proof-of-work challenge and
 * solves it (a second or two); the key-compromise proof shows the exact text to sign, built from
 * the serial typed and the nonce the page was given, with the openssl commands.
 */
export function ReportForm({ keyProofNonce, initialSerial }: { keyProofNonce: string; initialSerial: string }) {
  const t = useTranslations("problemReportPage");
  const locale = useLocale();
  const [category, setCategory] = useState<string>("KEY_COMPROMISE");
  const [method, setMethod] = useState<string>("SIGNATURE");
  const [serial, setSerial] = useState(initialSerial);
  const [working, setWorking] = useState(false);
  const [state, action] = useActionState(async (prev: ActionState<Done>, form: FormData): Promise<ActionState<Done>> => {
    setWorking(true);
    try {
      const c = await proofOfWorkChallengeStep({});
      if (c.status !== "done") return c;
      form.set("powChallenge", c.data.challenge);
      form.set("powNonce", await solve(c.data.challenge, c.data.bits));
      return await submitProblemReportAction(prev, form);
    } finally {
      setWorking(false);
    }
  }, idleState);

  if (state.status === "done") {
    return (
      <Alert tone="success" title={t("receipt.title", { reference: state.data.reference })}>
        <p data-testid="report-reference">{state.data.reference}</p>
        <p>{t("receipt.body", { due: formatDateTime(state.data.preliminaryDueAt, locale) })}</p>
        {state.data.keyCompromiseDemonstrated ? <p data-testid="receipt-demonstrated">{t("receipt.demonstrated")}</p> : null}
        <p>
          <Link href={state.data.statusPath} className="font-medium text-sky-800 underline" data-testid="status-link">
            {t("receipt.statusLink")}
          </Link>
        </p>
      </Alert>
    );
  }
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const invalid = (f: string) => state.status === "error" && state.fields.includes(f);
  const canonical = normaliseSerial(serial);
  const text = keyProofText(canonical ?? t("proof.serialPlaceholder"), keyProofNonce);
  return (
    <form action={action} className="space-y-5" data-testid="report-form">
      {state.status === "error" ? (
        <Alert tone="error" id="report-error">
          <span data-testid="report-error" data-code={state.code}>{state.message}</span>
        </Alert>
      ) : null}
      <fieldset className="space-y-3">
        <legend className="font-semibold text-slate-900">{t("certificateLegend")}</legend>
        <TextField id="serial" name="serial" label={t("serial")} hint={t("serialHint")} maxLength={200} defaultValue={values.serial ?? initialSerial} onChange={(e) => setSerial(e.target.value)} invalid={invalid("serial")} errorId="report-error" autoComplete="off" />
        <div className="space-y-1">
          <label htmlFor="certificateFile" className="block font-medium text-slate-800">{t("certificateFile")}</label>
          <input id="certificateFile" name="certificateFile" type="file" accept=".pem,.crt,.cer,.der" aria-describedby="certificateFile-hint" className="block w-full text-sm" />
          <p id="certificateFile-hint" className="text-sm text-slate-600">{t("certificateFileHint")}</p>
        </div>
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="category" className="block font-medium text-slate-800">{t("category")}</label>
        <select id="category" name="category" className={inputClass} value={category} onChange={(e) => setCategory(e.target.value)}>
          {PROBLEM_REPORT_CATEGORIES.map((c) => (
            <option key={c} value={c}>{t(`categories.${c}`)}</option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor="description" className="block font-medium text-slate-800">{t("description")}</label>
        <textarea id="description" name="description" required minLength={10} maxLength={4000} defaultValue={values.description} aria-describedby="description-hint" aria-invalid={invalid("description") || undefined} className={`${inputClass} min-h-28`} />
        <p id="description-hint" className="text-sm text-slate-600">{t("descriptionHint")}</p>
      </div>
      {category === "KEY_COMPROMISE" ? (
        <fieldset className="space-y-3 rounded-md border border-slate-300 p-3" data-testid="key-proof">
          <legend className="px-1 font-semibold text-slate-900">{t("proof.legend")}</legend>
          <p className="text-sm text-slate-700">{t("proof.intro")}</p>
          <div className="space-y-2">
            {(["SIGNATURE", "PRIVATE_KEY", "NONE"] as const).map((m) => (
              <label key={m} className="flex items-start gap-2">
                <input type="radio" name="proofMethod" value={m} checked={method === m} onChange={() => setMethod(m)} className="mt-1 size-4" />
                <span>{t(`proof.methods.${m}`)}</span>
              </label>
            ))}
          </div>
          <input type="hidden" name="keyProofNonce" value={keyProofNonce} />
          {method === "SIGNATURE" ? (
            <div className="space-y-2">
              <p className="text-sm">{t("proof.textLabel")}</p>
              <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs" data-testid="proof-text">{text}</pre>
              <p className="text-sm">{t("proof.commandsLabel")}</p>
              <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-100 p-2 text-xs" data-testid="proof-commands">{keyProofCommands(text).join("\n")}</pre>
              <label htmlFor="signature" className="block font-medium text-slate-800">{t("proof.signature")}</label>
              <textarea id="signature" name="signature" maxLength={2048} defaultValue={values.signature} className={`${inputClass} min-h-20 font-mono text-xs`} aria-invalid={invalid("signature") || undefined} />
            </div>
          ) : null}
          {method === "PRIVATE_KEY" ? (
            <div className="space-y-2">
              <p className="text-sm text-slate-700">{t("proof.privateKeyNotice")}</p>
              <label htmlFor="privateKeyFile" className="block font-medium text-slate-800">{t("proof.privateKeyFile")}</label>
              <input id="privateKeyFile" name="privateKeyFile" type="file" accept=".pem,.key" className="block w-full text-sm" />
              <label htmlFor="privateKey" className="block font-medium text-slate-800">{t("proof.privateKey")}</label>
              <textarea id="privateKey" name="privateKey" maxLength={16384} autoComplete="off" className={`${inputClass} min-h-20 font-mono text-xs`} />
            </div>
          ) : null}
        </fieldset>
      ) : null}
      <fieldset className="space-y-3">
        <legend className="font-semibold text-slate-900">{t("reporterLegend")}</legend>
        <TextField id="reporterEmail" name="reporterEmail" type="email" required maxLength={254} autoComplete="email" inputMode="email" label={t("reporterEmail")} hint={t("reporterEmailHint")} defaultValue={values.reporterEmail} invalid={invalid("reporterEmail")} errorId="report-error" />
        <TextField id="reporterName" name="reporterName" maxLength={200} autoComplete="name" label={t("reporterName")} defaultValue={values.reporterName} />
      </fieldset>
      <p className="text-sm text-slate-600">{t("powNote")}</p>
      <SubmitButton pendingLabel={working ? t("working") : t("submitting")}>{t("submit")}</SubmitButton>
    </form>
  );
}
