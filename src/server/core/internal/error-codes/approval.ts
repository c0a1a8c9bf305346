import type { ErrorEntry } from "./entry";

/** Errors of dual control (src/server/approval, src/domain/approval/rules.ts). */
export const approvalErrors = {
  /** The request was rejected, expired, executed or failed: nothing is left to decide. */
  APPROVAL_CLOSED: { http: 409, zh: "该审批申请已办结，不能再审批。", en: "This approval request is closed and can no longer be decided." },
  /** Past its expiry: it does nothing any more; the administrator must request again. */
  APPROVAL_EXPIRED: { http: 409, zh: "该审批申请已过期，不会再执行。如仍需办理，请重新提交。", en: "This approval request has expired and will not be carried out. Submit it again if it is still needed." },
  /** The requester tried to approve or reject their own request. */
  APPROVAL_OWN_REQUEST: { http: 403, zh: "不能审批本人提交的申请，须由另一位管理员审批。", en: "You cannot decide your own request: another administrator must." },
  /** This administrator has already decided the request. */
  APPROVAL_ALREADY_DECIDED: { http: 409, zh: "您已审批过该申请。", en: "You have already decided this request." },
} as const satisfies Record<string, ErrorEntry>;
