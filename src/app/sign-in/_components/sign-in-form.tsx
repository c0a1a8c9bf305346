"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { resendVerificationAction, signInAction } from "@/app/actions/auth";
import { idleState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(signInAction, idleState);
  const error = state.status === "error" ? state : null;
  return (
    <div className="space-y-6">
      <form action={action} className="space-y-4">
        {error ? (
          <Alert tone="error" id="sign-in-error">
            {error.message}
          </Alert>
        ) : null}
        <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
        <TextField
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          label={t("email")}
          required
          defaultValue={error?.values?.email}
          invalid={!!error}
          errorId="sign-in-error"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("password")}
          required
          invalid={!!error}
          errorId="sign-in-error"
        />
        <SubmitButton pendingLabel={t("submitting")}>{t("signIn.submit")}</SubmitButton>
      </form>
      {error?.code === "EMAIL_NOT_VERIFIED" ? <ResendVerification email={error.values?.email ?? ""} /> : null}
    </div>
  );
}

function ResendVerification({ email }: { email: string }) {
  const t = useTranslations("auth");
  const [state, action] = useActionState(resendVerificationAction, idleState);
  if (state.status === "done") return <Alert tone="success">{t("signIn.resent")}</Alert>;
  return (
    <form action={action} className="rounded-md border border-slate-200 bg-slate-50 p-4">
      <p className="mb-3 text-slate-700">{t("signIn.resendIntro")}</p>
      <input type="hidden" name="email" value={email} />
      <SubmitButton variant="secondary" pendingLabel={t("submitting")}>
        {t("signIn.resend")}
      </SubmitButton>
    </form>
  );
}
