import { z } from "zod";
import { locales } from "@/i18n/locales";
import { PASSWORD_MAX_LENGTH } from "@/server/account/password";

// Shared by the use cases and the forms. The password policy itself (length, not the email) is
// checked in the use cases so that it answers with WEAK_PASSWORD and the rule broken.
export const emailField = z.string().trim().toLowerCase().max(254).pipe(z.email());
export const passwordField = z.string().min(1).max(PASSWORD_MAX_LENGTH);
export const localeField = z.enum(locales);
/** A link token as mailed: base64url, 43 characters for 32 bytes. */
export const linkTokenField = z.string().trim().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/);

export const signUpInput = z.object({
  email: emailField,
  password: passwordField,
  displayName: z.string().trim().max(100).optional(),
  locale: localeField.default("zh-CN"),
});

export const signInInput = z.object({
  // Not validated as an address: a malformed one is just a wrong credential, answered the same way.
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  /** The second factor, when the account has one (second-factor/check-sign-in-factor.ts): a code, or a passkey's answer. */
  code: z.string().max(64).optional(),
  passkey: z.object({ challengeId: z.string().max(64), response: z.string().max(16_000) }).optional(),
});

export const verifyEmailInput = z.object({ token: linkTokenField });

export const requestPasswordResetInput = z.object({
  email: z.string().trim().toLowerCase().min(1).max(254),
  locale: localeField.default("zh-CN"),
});

export const resetPasswordInput = z.object({ token: linkTokenField, password: passwordField });

export const resendVerificationInput = requestPasswordResetInput;

export const setPreferredLocaleInput = z.object({ locale: localeField });
