import type { ErrorEntry } from "./entry";

/** Multi-factor sign-in (src/server/second-factor). */
export const secondFactorErrors = {
  /** The password was right; the account has a second factor and the form must send its code or passkey. */
  SECOND_FACTOR_REQUIRED: {
    http: 401,
    zh: "请输入身份验证器应用中的 6 位验证码或一个恢复码，或使用通行密钥。",
    en: "Enter the 6-digit code from your authenticator app or a recovery code, or use your passkey.",
  },
  /** A wrong, reused or malformed code, or a passkey answer that does not verify. */
  SECOND_FACTOR_INVALID: {
    http: 401,
    zh: "验证码或通行密钥无效。每个验证码只能使用一次，请等待下一个验证码后重试。",
    en: "The code or passkey was not accepted. Each code works once; wait for the next code and try again.",
  },
  /** An authenticator app is already enrolled (remove it first), or this passkey is registered already. */
  SECOND_FACTOR_ALREADY_ENROLLED: { http: 409, zh: "已登记此验证方式。", en: "This second factor is already enrolled." },
  /** There is no (pending) enrolment to confirm, remove or reset. */
  SECOND_FACTOR_NOT_ENROLLED: { http: 409, zh: "尚未登记第二验证方式。", en: "No second factor is enrolled." },
  /**
   * A change to the account's second factors (add, confirm, new recovery codes, remove) from a
   * session not signed in with one, while the account has one (auth/second-factor-rule.ts).
   */
  SECOND_FACTOR_SESSION_REQUIRED: {
    http: 403,
    zh: "您的账户已登记第二验证方式。要更改它，请退出并使用第二验证方式重新登录。",
    en: "Your account has a second factor. To change it, sign out and sign in again with your second factor.",
  },
  /** An administrator tried to reset their own second factors. */
  SECOND_FACTOR_OWN_RESET: { http: 403, zh: "不能重置自己的第二验证方式，请由另一位管理员操作。", en: "You cannot reset your own second factors; another administrator must do it." },
} as const satisfies Record<string, ErrorEntry>;
