"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { idleState } from "@/server/web/action-state";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { buttonClass } from "@/components/ui/styles";
import { confirmTotpAction, regenerateRecoveryCodesAction, signOutToSignInAction } from "../actions";
import { RecoveryCodeList } from "./recovery-codes";

/**
 * The code from the app confirms the enrolment; the recovery codes that come with it are shown
 * here, once (the page is not refreshed under them). Staff then sign in again with the new factor.
 */
export function ConfirmTotpForm({ staff }: { staff: boolean }) {
  const t = useTranslations("accountSecurity");
  const [state, action] = useActionState(confirmTotpAction, idleState);
  if (state.status === "done") {
    return (
      <div className="space-y-3">
        <Alert tone="success">{t("totpDone")}</Alert>
        {state.data.recoveryCodes ? <RecoveryCodeList codes={state.data.recoveryCodes} /> : null}
        {staff ? (
          <form action={signOutToSignInAction} className="space-y-2">
            <p>{t("requiredSignInAgain")}</p>
            <button type="submit" className={buttonClass.primary}>
              {t("signOutAndIn")}
            </button>
          </form>
        ) : null}
      </div>
    );
  }
  const error = state.status === "error" ? state : null;
  return (
    <form action={action} className="space-y-3">
      {error ? (
        <Alert tone="error" id="totp-error">
          {error.message}
        </Alert>
      ) : null}
      <TextField id="totp-code" name="code" label={t("codeLabel")} autoComplete="one-time-code" inputMode="numeric" required invalid={!!error} errorId="totp-error" />
      <SubmitButton pendingLabel={t("checking")}>{t("confirm")}</SubmitButton>
    </form>
  );
}

/** New recovery codes in place of the old ones, shown once. */
export function RegenerateRecoveryCodesForm() {
  const t = useTranslations("accountSecurity");
  const [state, action] = useActionState(regenerateRecoveryCodesAction, idleState);
  if (state.status === "done") return <RecoveryCodeList codes={state.data.recoveryCodes} />;
  return (
    <form action={action} className="space-y-3">
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
      <SubmitButton variant="secondary" pendingLabel={t("checking")}>
        {t("recoveryRegenerate")}
      </SubmitButton>
    </form>
  );
}
