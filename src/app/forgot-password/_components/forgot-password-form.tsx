"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { requestPasswordResetAction } from "@/app/actions/auth";
import { idleState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function ForgotPasswordForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(requestPasswordResetAction, idleState);
  if (state.status === "done") {
    return (
      <Alert tone="success" title={t("forgot.doneTitle")}>
        {t("forgot.doneBody")}
      </Alert>
    );
  }
  return (
    <form action={action} className="space-y-4">
      {state.status === "error" ? (
        <Alert tone="error" id="forgot-error">
          {state.message}
        </Alert>
      ) : null}
      <TextField id="email" name="email" type="email" autoComplete="email" inputMode="email" label={t("email")} required />
      <SubmitButton pendingLabel={t("submitting")}>{t("forgot.submit")}</SubmitButton>
    </form>
  );
}
