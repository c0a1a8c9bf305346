import type { ErrorEntry } from "./internal/error-codes/entry";
import { applicationErrors } from "./internal/error-codes/application";
import { certificateErrors } from "./internal/error-codes/certificate";
import { publicErrors } from "./internal/error-codes/public";
import { revocationErrors } from "./internal/error-codes/revocation";
import { renewalErrors } from "./internal/error-codes/renewal";
import { organisationErrors } from "./internal/error-codes/organisation";
import { secondFactorErrors } from "./internal/error-codes/second-factor";
import { authorityErrors } from "./internal/error-codes/authority";
import { problemReportErrors } from "./internal/error-codes/problem-report";
import { approvalErrors } from "./internal/error-codes/approval";

/**
 * The one table of domain errors: a stable code (clients and tests match on it), the HTTP status
 * it maps to at the edge, and the user's message in both languages. Messages may name parameters
 * in braces, filled from the error's details. Nothing else in the code base writes user-facing
 * error text. Each area keeps its rows in its own file under error-codes/ (so parallel work does
 * not collide); the table is their union.
 */
const coreErrors = {
  /** The input did not pass its schema; details.issues lists the fields. */
  VALIDATION_FAILED: { http: 400, zh: "提交的信息有误，请检查标出的字段。", en: "Some of the information is invalid. Please check the marked fields." },
  /** No signed-in user where one is needed. */
  UNAUTHENTICATED: { http: 401, zh: "请先登录。", en: "Please sign in first." },
  /** Signed in, but the role or the relationship to the record does not allow the action. */
  FORBIDDEN: { http: 403, zh: "您没有执行此操作的权限。", en: "You do not have permission to do this." },
  /** The record does not exist, or the actor may not know that it exists. */
  NOT_FOUND: { http: 404, zh: "未找到所请求的记录。", en: "The requested record was not found." },
  /** A concurrent change won; the user should reload and try again. */
  CONFLICT: { http: 409, zh: "该记录已被他人修改，请刷新后重试。", en: "This record was changed by someone else. Please reload and try again." },
  /** Too many attempts in a short time. details.retryAfterSeconds when known. */
  RATE_LIMITED: { http: 429, zh: "尝试次数过多，请稍后再试。", en: "Too many attempts. Please try again later." },
  /** Sign-in from this address (or for this account) is throttled after failures; details.retryAt (Beijing "HH:mm:ss"), retryMinutes (whole minutes, at least 1) and retryAfterSeconds. A password reset lifts the account's own limit unless the account has a second factor (whose wrong codes count in the same rows), never the network address's: hence "usually". */
  SIGN_IN_DELAYED: {
    http: 429,
    zh: "登录失败次数过多，请于 {retryAt}（北京时间）之后再试，约 {retryMinutes} 分钟内。如忘记密码，可通过“忘记密码”重设密码，重设通常会解除本账号的登录限制。",
    en: "Too many failed sign-ins. Please try again after {retryAt} Beijing time (in about {retryMinutes} minutes). If you have forgotten your password, use “Forgot password”: a reset usually lifts this account's sign-in limit.",
  },
  /** Sign-in failed; deliberately silent about whether the account exists. */
  INVALID_CREDENTIALS: { http: 401, zh: "邮箱或密码不正确。", en: "The email address or password is incorrect." },
  /** Sign-in with a correct password before the address was verified. */
  EMAIL_NOT_VERIFIED: { http: 403, zh: "请先点击验证邮件中的链接完成邮箱验证。", en: "Please verify your email address using the link we sent you." },
  /** Sign-up with an address that already has an account. */
  EMAIL_TAKEN: { http: 409, zh: "该邮箱已注册。如忘记密码，请使用“忘记密码”。", en: "This email address is already registered. Use “Forgot password” if needed." },
  /** A verification or reset link that is unknown, used or expired. */
  TOKEN_INVALID: { http: 400, zh: "链接无效或已过期，请重新申请。", en: "This link is invalid or has expired. Please request a new one." },
  /** A password that does not meet the policy; details.rule names the rule. */
  WEAK_PASSWORD: { http: 400, zh: "密码不符合要求：至少 10 个字符，且不能与邮箱相同。", en: "The password does not meet the rules: at least 10 characters and not the same as the email address." },
  /** The latest effective agreement version has not been accepted for this action. */
  AGREEMENT_NOT_ACCEPTED: { http: 409, zh: "请先阅读并接受第 {version} 版订户协议。", en: "Please read and accept version {version} of the subscriber agreement first." },
  /** The record is not in a state that allows this action (details.from, details.action). */
  INVALID_STATE_TRANSITION: { http: 409, zh: "当前状态下不能执行此操作。", en: "This action is not possible in the current state." },
  /** Anything unexpected. The detail is logged, never shown. */
  INTERNAL: { http: 500, zh: "系统出现内部错误，请稍后重试或联系客服。", en: "An internal error occurred. Please try again later or contact support." },
} as const satisfies Record<string, ErrorEntry>;

export const errorCatalog = { ...coreErrors, ...applicationErrors, ...certificateErrors, ...revocationErrors, ...publicErrors, ...renewalErrors, ...organisationErrors, ...secondFactorErrors, ...authorityErrors, ...approvalErrors, ...problemReportErrors } as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof errorCatalog;
