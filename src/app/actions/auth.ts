"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { getLocale, getTranslations } from "next-intl/server";
import { requestPasswordReset } from "@/server/account/request-password-reset";
import { resendVerification } from "@/server/account/resend-verification";
import { resetPassword } from "@/server/account/reset-password";
import { signUp } from "@/server/account/sign-up";
import { ActionRefusal } from "@/server/web/action-outcome";
import type { ActionError } from "@/server/web/action-state";
import { signIn, signOut } from "@/server/web/auth";
import { defineAction, defineStep, formText as text } from "@/server/web/define-action";
import { passkeySignInOptions } from "@/server/second-factor/passkey-options";
import { safeReturnPath } from "@/server/web/guards";
import { errorCatalog, type ErrorCode } from "@/server/core/error-catalog";
import { domainError, isDomainError, type DomainError } from "@/server/core/errors";
import { logger } from "@/server/core/logger";

const mailLocale = async (): Promise<"en" | "zh-CN"> => ((await getLocale()) === "en" ? "en" : "zh-CN");

/** The confirmation field is checked in the browser too; this covers forms sent without JavaScript. */
async function checkConfirmation(form: FormData): Promise<void> {
  const confirm = form.get("passwordConfirm");
  if (typeof confirm !== "string" || confirm === text(form, "password")) return;
  throw new ActionRefusal((await getTranslations("auth"))("passwordsDiffer"), "VALIDATION_FAILED", ["passwordConfirm"]);
}

/** The password rule and a taken address are about one field each: the form marks it. */
function markPasswordOrEmail(e: DomainError, state: ActionError): ActionError {
  if (state.fields.length > 0) return state;
  if (e.code === "WEAK_PASSWORD") return { ...state, fields: ["password"] };
  if (e.code === "EMAIL_TAKEN") return { ...state, fields: ["email"] };
  return state;
}

export const signUpAction = defineAction({
  read: async (form) => {
    await checkConfirmation(form);
    return { email: text(form, "email"), password: text(form, "password"), displayName: text(form, "displayName") || undefined, locale: await mailLocale() };
  },
  run: signUp,
  anonymous: true,
  explain: markPasswordOrEmail,
  done: (_r, input) => ({ email: input.email.trim().toLowerCase() }),
});

/** Sign-in answers with the address typed (the form keeps it, and offers to resend the verification mail). */
export const signInAction = defineAction({
  read: (form) => ({
    email: text(form, "email"),
    password: text(form, "password"),
    // The second factor, when the form has asked for it (SECOND_FACTOR_REQUIRED): a code or a passkey's answer.
    code: text(form, "code"),
    passkeyChallengeId: text(form, "passkeyChallengeId"),
    passkeyResponse: text(form, "passkeyResponse"),
    redirectTo: safeReturnPath(text(form, "callbackUrl") || "/dashboard"),
  }),
  run: async (_ctx, input) => {
    try {
      await signIn("credentials", input);
    } catch (e) {
      // A successful sign-in ends in redirect(), which must propagate (it is no AuthError).
      if (!(e instanceof AuthError)) throw e;
      const raw = e instanceof CredentialsSignin ? e.code : "INTERNAL";
      const code: ErrorCode = raw in errorCatalog ? (raw as ErrorCode) : "INVALID_CREDENTIALS";
      if (code === "INTERNAL") logger.error({ kind: e.name, area: "forms" }, "sign-in failed unexpectedly");
      // A throttled sign-in says when to try again (PortalSignInError carries the time out of Auth.js).
      throw domainError(code, "retry" in e && typeof e.retry === "object" ? (e.retry as Record<string, unknown>) : {});
    }
  },
  anonymous: true,
  echo: ["email"],
});

/** A passkey challenge for the sign-in form (anonymous: the password is checked together with the answer). */
export const passkeySignInOptionsStep = defineStep({ run: (ctx) => passkeySignInOptions(ctx), anonymous: true });

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

export const resendVerificationAction = defineAction({
  read: async (form) => ({ email: text(form, "email"), locale: await mailLocale() }),
  run: resendVerification,
  anonymous: true,
});

export const requestPasswordResetAction = defineAction({
  read: async (form) => ({ email: text(form, "email"), locale: await mailLocale() }),
  run: async (ctx, input) => {
    try {
      await requestPasswordReset(ctx, input);
    } catch (e) {
      // A malformed address gets the same answer as an unknown one.
      if (!(isDomainError(e) && e.code === "VALIDATION_FAILED")) throw e;
    }
  },
  anonymous: true,
});

export const resetPasswordAction = defineAction({
  read: async (form) => {
    await checkConfirmation(form);
    return { token: text(form, "token"), password: text(form, "password") };
  },
  run: resetPassword,
  anonymous: true,
  explain: markPasswordOrEmail,
  redirectTo: () => "/sign-in?reset=1",
});
