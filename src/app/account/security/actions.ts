"use server";

import { signOut } from "@/server/web/auth";
import { defineAction, defineRedirectAction, defineStep, formText as field } from "@/server/web/define-action";
import { confirmTotpEnrolment } from "@/server/second-factor/confirm-totp-enrolment";
import { passkeyRegistrationOptions } from "@/server/second-factor/passkey-options";
import { regenerateRecoveryCodes } from "@/server/second-factor/regenerate-recovery-codes";
import { registerPasskey } from "@/server/second-factor/register-passkey";
import { removeSecondFactor } from "@/server/second-factor/remove-second-factor";
import { startTotpEnrolment } from "@/server/second-factor/start-totp-enrolment";

const HERE = "/account/security";

export const startTotpAction = defineRedirectAction({ ok: "totpStarted", back: HERE, run: (ctx) => startTotpEnrolment(ctx, {}) });

export const removeTotpAction = defineRedirectAction({ ok: "totpRemoved", back: HERE, run: (ctx) => removeSecondFactor(ctx, { kind: "totp" }) });

export const removePasskeyAction = defineRedirectAction({
  ok: "passkeyRemoved",
  back: HERE,
  run: (ctx, form) => removeSecondFactor(ctx, { kind: "passkey", passkeyId: field(form, "passkeyId") }),
});

/** The recovery codes go back to this form once (they are not kept anywhere readable). */
export const confirmTotpAction = defineAction({
  read: (form) => ({ code: field(form, "code") }),
  run: confirmTotpEnrolment,
  done: (r) => ({ recoveryCodes: r.recoveryCodes }),
});

export const regenerateRecoveryCodesAction = defineAction({
  read: () => ({}),
  run: regenerateRecoveryCodes,
  done: (r) => ({ recoveryCodes: r.recoveryCodes }),
});

export const passkeyRegistrationOptionsStep = defineStep({ run: (ctx) => passkeyRegistrationOptions(ctx) });

export const registerPasskeyStep = defineStep({
  run: (ctx, input: { challengeId: string; response: string; name: string }) => registerPasskey(ctx, input),
  done: (r) => ({ recoveryCodes: r.recoveryCodes }),
});

/** After enrolling, a staff member signs in again with the new factor (the session is never upgraded in place). */
export async function signOutToSignInAction(): Promise<void> {
  await signOut({ redirectTo: "/sign-in?callbackUrl=%2Fdashboard" });
}
