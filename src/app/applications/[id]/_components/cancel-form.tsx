"use client";

import { useTranslations } from "next-intl";
import { cancelOwnApplicationAction } from "../actions";
import { EditorForm } from "./editor-form";

/** Withdraws the application (a draft or one not yet decided), after an explicit confirmation. */
export function CancelForm({ applicationId, version }: { applicationId: string; version: number }) {
  const t = useTranslations("applicationPage.editor");
  return (
    <EditorForm action={cancelOwnApplicationAction} applicationId={applicationId} version={version} submitLabel={t("cancel")} pendingLabel={t("cancelling")} variant="secondary" testId="cancel-form">
      <p className="text-slate-700">{t("cancelIntro")}</p>
      <label className="flex items-start gap-3">
        <input type="checkbox" name="confirm" required className="mt-1 size-5" />
        <span>{t("cancelConfirm")}</span>
      </label>
    </EditorForm>
  );
}
