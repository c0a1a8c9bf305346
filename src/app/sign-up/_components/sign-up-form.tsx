"use client";

import { useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { signUpAction } from "@/app/actions/auth";
import { idleState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function SignUpForm() {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signUpAction, idleState);
  const [mismatch, setMismatch] = useState(false);

  if (state.status === "done") {
    return (
      <Alert tone="success" title={t("signUp.doneTitle")}>
        <p data-testid="sign-up-done">{t("signUp.doneBody", { email: state.data.email })}</p>
      </Alert>
    );
  }

  const error = state.status === "error" ? state : null;
  const bad = (field: string) => !!error?.fields?.includes(field);

  function checkConfirm(e: FormEvent<HTMLFormElement>) {
    const data = new FormData(e.currentTarget);
    const differ = data.get("password") !== data.get("passwordConfirm");
    setMismatch(differ);
    if (differ) e.preventDefault();
  }

  return (
    <form action={action} onSubmit={checkConfirm} className="space-y-4">
      {error ? (
        <Alert tone="error" id="sign-up-error">
          {error.message}
        </Alert>
      ) : null}
      {mismatch ? (
        <Alert tone="error" id="sign-up-mismatch">
          {t("passwordsDiffer")}
        </Alert>
      ) : null}
      <TextField id="email" name="email" type="email" autoComplete="email" inputMode="email" label={t("email")} required invalid={bad("email")} errorId="sign-up-error" />
      <TextField
        id="password"
        name="password"
        type="password"
        autoComplete="new-password"
        minLength={10}
        label={t("password")}
        hint={t("passwordHint")}
        required
        invalid={bad("password")}
        errorId="sign-up-error"
      />
      <TextField
        id="passwordConfirm"
        name="passwordConfirm"
        type="password"
        autoComplete="new-password"
        label={t("passwordConfirm")}
        required
        invalid={mismatch}
        errorId="sign-up-mismatch"
      />
      <TextField id="displayName" name="displayName" type="text" autoComplete="name" label={t("displayName")} maxLength={100} />
      <SubmitButton pendingLabel={t("submitting")}>{t("signUp.submit")}</SubmitButton>
    </form>
  );
}
