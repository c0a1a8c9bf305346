"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { getLocale, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { catalogLang } from "@/i18n/locales";
import { requestPasswordReset } from "@/server/account/request-password-reset";
import { resendVerification } from "@/server/account/resend-verification";
import { resetPassword } from "@/server/account/reset-password";
import { signUp } from "@/server/account/sign-up";
import { signIn, signOut } from "@/server/auth/auth";
import { safeReturnPath } from "@/server/auth/guards";
import { serviceContext } from "@/server/auth/service-context";
import { errorCatalog, type ErrorCode } from "@/server/core/error-catalog";
import { errorMessage, isDomainError } from "@/server/core/errors";
import { logger } from "@/server/logger";
import type { FormState } from "./form-state";

const text = (f: FormData, k: string) => {
  const v = f.get(k);
  return typeof v === "string" ? v : "";
};

/** The confirmation field is checked in the browser too; this covers forms sent without JavaScript. */
async function confirmMismatch(form: FormData): Promise<FormState | null> {
  const confirm = form.get("passwordConfirm");
  if (typeof confirm !== "string" || confirm === text(form, "password")) return null;
  const t = await getTranslations("auth");
  return { status: "error", code: "VALIDATION_FAILED", message: t("passwordsDiffer"), fields: ["passwordConfirm"] };
}

/** A use case's refusal as the form shows it: the catalog message in the page's language. */
async function failure(e: unknown): Promise<FormState> {
  const lang = catalogLang(await getLocale());
  if (!isDomainError(e)) {
    logger.error({ err: e, area: "forms" }, "form action failed");
    return { status: "error", code: "INTERNAL", message: errorMessage("INTERNAL", lang) };
  }
  const issues = e.details.issues as Record<string, string[] | undefined> | undefined;
  return {
    status: "error",
    code: e.code,
    message: errorMessage(e.code, lang, e.details),
    fields: issues ? Object.keys(issues) : e.code === "WEAK_PASSWORD" ? ["password"] : e.code === "EMAIL_TAKEN" ? ["email"] : undefined,
  };
}

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const email = text(form, "email");
  const mismatch = await confirmMismatch(form);
  if (mismatch) return mismatch;
  try {
    await signUp(await serviceContext(null), {
      email,
      password: text(form, "password"),
      displayName: text(form, "displayName") || undefined,
      locale: (await getLocale()) === "en" ? "en" : "zh-CN",
    });
    return { status: "done", email: email.trim().toLowerCase() };
  } catch (e) {
    return failure(e);
  }
}

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const redirectTo = safeReturnPath(text(form, "callbackUrl") || "/dashboard");
  try {
    await signIn("credentials", { email: text(form, "email"), password: text(form, "password"), redirectTo });
  } catch (e) {
    // A successful sign-in ends in redirect(), which must propagate.
    if (!(e instanceof AuthError)) throw e;
    const raw = e instanceof CredentialsSignin ? e.code : "INTERNAL";
    const code: ErrorCode = raw in errorCatalog ? (raw as ErrorCode) : "INVALID_CREDENTIALS";
    if (code === "INTERNAL") logger.error({ kind: e.name, area: "forms" }, "sign-in failed unexpectedly");
    const lang = catalogLang(await getLocale());
    return { status: "error", code, message: errorMessage(code, lang), email: text(form, "email") };
  }
  return { status: "idle" };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}

export async function resendVerificationAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await resendVerification(await serviceContext(null), { email: text(form, "email"), locale: (await getLocale()) === "en" ? "en" : "zh-CN" });
    return { status: "done" };
  } catch (e) {
    return failure(e);
  }
}

export async function requestPasswordResetAction(_prev: FormState, form: FormData): Promise<FormState> {
  try {
    await requestPasswordReset(await serviceContext(null), { email: text(form, "email"), locale: (await getLocale()) === "en" ? "en" : "zh-CN" });
    return { status: "done" };
  } catch (e) {
    // A malformed address gets the same answer as an unknown one.
    if (isDomainError(e) && e.code === "VALIDATION_FAILED") return { status: "done" };
    return failure(e);
  }
}

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const mismatch = await confirmMismatch(form);
  if (mismatch) return mismatch;
  try {
    await resetPassword(await serviceContext(null), { token: text(form, "token"), password: text(form, "password") });
  } catch (e) {
    return failure(e);
  }
  redirect("/sign-in?reset=1");
}
