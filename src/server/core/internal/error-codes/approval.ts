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
  /** Key recovery (KEY_RECOVERY): the certificate is not a half of a dual pair with an escrowed encryption key. */
  KEY_RECOVERY_NOT_ESCROWED: { http: 409, zh: "该证书不是双证书，或其加密私钥未托管，无法恢复。", en: "This certificate is not part of a dual pair with an escrowed encryption key, so no key can be recovered." },
  /** Key recovery: the recipient key is not an SM2 public key (PEM SubjectPublicKeyInfo or certificate). */
  KEY_RECOVERY_RECIPIENT_INVALID: { http: 400, zh: "接收方公钥须为 SM2 公钥（PEM 格式的公钥或证书）。", en: "The recipient key must be an SM2 public key (a PEM public key or certificate)." },
  /** Only the administrator who requested the recovery may take the envelope, once the request was carried out. */
  KEY_RECOVERY_NOT_AVAILABLE: { http: 403, zh: "仅恢复申请人可在申请执行后下载密钥信封。", en: "Only the requester can download the key envelope, once the recovery has been carried out." },
} as const satisfies Record<string, ErrorEntry>;
