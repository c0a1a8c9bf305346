"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { startAuthentication } from "@simplewebauthn/browser";
import { passkeySignInOptionsStep, resendVerificationAction, signInAction } from "@/app/actions/auth";
import { idleState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";

/** The refusals after which the form asks for the second factor (the password was right). */
const FACTOR_CODES = new Set(["SECOND_FACTOR_REQUIRED", "SECOND_FACTOR_INVALID"]);

/**
 * Email and password; when the account has a second factor the server answers
 * SECOND_FACTOR_REQUIRED and the form asks for a code (or a passkey) and sends all of it again:
 * the session is made only when password and second factor hold together. The address and
 * password stay in the fields (controlled), so the person types only the code.
 */
export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("auth");
  const f = useTranslations("signInFactor");
  const [state, action] = useActionState(signInAction, idleState);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [passkey, setPasskey] = useState<{ challengeId: string; response: string } | null>(null);
  const [passkeyError, setPasskeyError] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const error = state.status === "error" ? state : null;
  const askFactor = !!error && FACTOR_CODES.has(error.code);
  // Once the passkey's answer is in the hidden fields (after the render that put them there), send the form.
  useEffect(() => {
    if (passkey) formRef.current?.requestSubmit();
  }, [passkey]);

  async function signInWithPasskey() {
    setPasskeyError(false);
    const options = await passkeySignInOptionsStep(undefined);
    if (options.status !== "done") return setPasskeyError(true);
    try {
      const answer = await startAuthentication({ optionsJSON: options.data.options });
      setPasskey({ challengeId: options.data.challengeId, response: JSON.stringify(answer) });
    } catch {
      setPasskeyError(true);
    }
  }

  return (
    <div className="space-y-6">
      <form ref={formRef} action={action} className="space-y-4" onSubmit={() => setTimeout(() => setPasskey(null), 0)}>
        {error && error.code !== "SECOND_FACTOR_REQUIRED" ? (
          <Alert tone="error" id="sign-in-error">
            {error.message}
            {/* A held sign-in: a password reset lifts the delay (account/reset-password.ts). */}
            {error.code === "SIGN_IN_DELAYED" ? (
              <>
                {" "}
                <Link href="/forgot-password" className={buttonClass.link} data-testid="sign-in-delayed-reset">
                  {t("signIn.delayedReset")}
                </Link>
              </>
            ) : null}
          </Alert>
        ) : null}
        {error?.code === "SECOND_FACTOR_REQUIRED" ? (
          <Alert tone="info" id="sign-in-error">
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
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          invalid={!!error && !askFactor}
          errorId="sign-in-error"
        />
        <TextField
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          label={t("password")}
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          invalid={!!error && !askFactor}
          errorId="sign-in-error"
        />
        {askFactor ? (
          <TextField
            id="code"
            name="code"
            autoComplete="one-time-code"
            label={f("codeLabel")}
            hint={f("codeHint")}
            autoFocus
            invalid={error?.code === "SECOND_FACTOR_INVALID"}
            errorId="sign-in-error"
          />
        ) : null}
        {passkey ? (
          <>
            <input type="hidden" name="passkeyChallengeId" value={passkey.challengeId} />
            <input type="hidden" name="passkeyResponse" value={passkey.response} />
          </>
        ) : null}
        <SubmitButton pendingLabel={t("submitting")}>{t("signIn.submit")}</SubmitButton>
      </form>
      {askFactor ? (
        <div className="space-y-3">
          <button type="button" className={buttonClass.secondary} onClick={() => void signInWithPasskey()}>
            {f("usePasskey")}
          </button>
          {passkeyError ? <Alert tone="error">{f("passkeyFailed")}</Alert> : null}
        </div>
      ) : null}
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
