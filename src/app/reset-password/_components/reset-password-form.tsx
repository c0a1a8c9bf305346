"use client";

import { useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { resetPasswordAction } from "@/app/actions/auth";
import { idleState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resetPasswordAction, idleState);
  const [mismatch, setMismatch] = useState(false);
  const error = state.status === "error" ? state : null;

  function checkConfirm(e: FormEvent<HTMLFormElement>) {
    const data = new FormData(e.currentTarget);
    const differ = data.get("password") !== data.get("passwordConfirm");
    setMismatch(differ);
    if (differ) e.preventDefault();
  }

  return (
    <form action={action} onSubmit={checkConfirm} className="space-y-4">
      {error ? (
        <Alert tone="error" id="reset-error">
          {error.message}
        </Alert>
      ) : null}
      {mismatch ? (
        <Alert tone="error" id="reset-mismatch">
          {t("passwordsDiffer")}
        </Alert>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <TextField
        id="password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        label={t("reset.newPassword")}
        hint={t("passwordHint")}
        required
        invalid={error?.code === "WEAK_PASSWORD"}
        errorId="reset-error"
      />
      <TextField id="passwordConfirm" name="passwordConfirm" type="password" autoComplete="new-password" label={t("passwordConfirm")} required invalid={mismatch} errorId="reset-mismatch" />
      <SubmitButton pendingLabel={t("submitting")}>{t("reset.submit")}</SubmitButton>
    </form>
  );
}
