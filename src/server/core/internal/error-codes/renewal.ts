import type { ErrorEntry } from "./entry";

/**
 * Errors of renewal, rekey and CA-ordered update notices (clause 4, 7.5). Each code: one line of
 * doc saying when it is thrown.
 */
export const renewalErrors = {
  /** The certificate already has an open renewal/rekey/update application (details.applicationId). */
  RENEWAL_ALREADY_OPEN: { http: 409, zh: "该证书已有一项正在办理的续期或更新申请。", en: "This certificate already has a renewal or update application in progress." },
  /** The certificate cannot be renewed: not yet accepted, suspended, revoked, expired or already replaced (details.from). */
  CERT_NOT_RENEWABLE: { http: 409, zh: "该证书当前不能续期（尚未接受、已挂起、已撤销、已过期或已被替换）。", en: "This certificate cannot be renewed now (not yet accepted, suspended, revoked, expired or already replaced)." },
  /** The profile's renewal window has not opened yet (details.opensAt). */
  CERT_RENEWAL_TOO_EARLY: { http: 409, zh: "尚未到续期办理时间，请在续期期间开始后再办理。", en: "The renewal period has not started yet. Please renew once it opens." },
  /** The profile's renewal window closed (details.closedAt): a new application with a new identity check is needed. */
  CERT_RENEWAL_TOO_LATE: { http: 409, zh: "续期办理期已过，请重新申请证书（需重新核验身份）。", en: "The renewal period is over. Please apply for a new certificate (your identity will be verified again)." },
  /** A rekey whose certificate request carries the key of the certificate it replaces. */
  REKEY_SAME_KEY: { http: 400, zh: "更换密钥须使用新生成的密钥对，请重新生成证书请求。", en: "A rekey needs a newly generated key pair. Please generate a new certificate request." },
  /** An update notice whose deadline is not in the future. */
  UPDATE_NOTICE_DEADLINE_PAST: { http: 400, zh: "更新截止时间须晚于当前时间。", en: "The update deadline must be in the future." },
  /** An update notice whose selection matches no valid certificate. */
  UPDATE_NOTICE_NO_TARGETS: { http: 400, zh: "所选条件未匹配到任何有效证书。", en: "The selection matches no valid certificate." },
} as const satisfies Record<string, ErrorEntry>;
