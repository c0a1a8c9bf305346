"use client";

import { useTranslations } from "next-intl";
import { inputClass } from "@/components/ui/styles";
import { sendApplicationAction } from "../actions";
import { EditorForm } from "./editor-form";

const DECLARATIONS = ["truthfulCompleteLawful", "copiesMatchOriginals", "consentToElectronicSignatureUse", "consentToCertificateQuery"] as const;

/**
 * Sends the application (back) to the RA: a draft is submitted, an application sent back for
 * more information is resubmitted with the applicant's answer. Each declaration of clauses 1.1
 * and 1.2 is its own unticked box, as in the wizard.
 */
export function SendForm({ applicationId, version, mode, feeYuan, answerMax }: { applicationId: string; version: number; mode: "submit" | "resubmit"; feeYuan: string | null; answerMax: number }) {
  const t = useTranslations("applicationPage.editor");
  const w = useTranslations("applyWizard");
  const e = useTranslations("enums");
  return (
    <EditorForm
      action={sendApplicationAction}
      applicationId={applicationId}
      version={version}
      submitLabel={mode === "resubmit" ? t("resubmit") : t("submit")}
      pendingLabel={t("sending")}
      testId="send-form"
      explainItems={(kinds) => t("missingNamed", { list: kinds.map((k) => e(`DocumentKind.${k}` as "DocumentKind.OTHER")).join(t("listSeparator")) })}
    >
      {(typed) => (
        <>
          <input type="hidden" name="mode" value={mode} />
          {mode === "resubmit" ? (
            <div className="space-y-1">
              <label htmlFor="info-response" className="block font-medium text-slate-800">
                {t("answer")}
              </label>
              <textarea id="info-response" name="infoResponse" required maxLength={answerMax} rows={4} defaultValue={typed.infoResponse ?? ""} aria-describedby="info-response-hint" className={inputClass} />
              <p id="info-response-hint" className="text-sm text-slate-600">
                {t("answerHint")}
              </p>
            </div>
          ) : null}
          {feeYuan !== null ? <p className="text-sm text-slate-700">{t("fee", { fee: feeYuan })}</p> : null}
          <fieldset className="space-y-2">
            <legend className="mb-1 text-slate-700">{t("declarationsIntro")}</legend>
            {DECLARATIONS.map((d) => (
              <label key={d} className="flex items-start gap-3">
                <input type="checkbox" name={d} className="mt-1 size-5" />
                <span>{w(`declaration.${d}`)}</span>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </EditorForm>
  );
}
