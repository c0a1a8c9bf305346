import type { ErrorEntry } from "./entry";

/** Errors of the application area. Each code: one line of doc saying when it is thrown. */
export const applicationErrors = {
  /** An organisation with this unified social credit code is already registered. */
  ORGANISATION_ALREADY_REGISTERED: { http: 409, zh: "该统一社会信用代码的机构已注册。", en: "An organisation with this unified social credit code is already registered." },
  /** The user named as member or agent has no account. */
  USER_NOT_FOUND: { http: 404, zh: "未找到该邮箱对应的用户，请对方先注册。", en: "No user with this email address. Ask them to sign up first." },
  /** The agent's authorisation for this organisation has expired (details.validUntil). */
  AGENT_AUTHORISATION_EXPIRED: { http: 403, zh: "您对该机构的经办人授权已过期，请联系机构重新授权。", en: "Your authorisation to act for this organisation has expired. Ask the organisation to renew it." },
  /** The agent's authorisation was revoked by the organisation or an RA officer. */
  AGENT_AUTHORISATION_REVOKED: { http: 403, zh: "您对该机构的经办人授权已被撤销。", en: "Your authorisation to act for this organisation has been revoked." },
  /** The agent's authorisation starts later (details.validFrom). */
  AGENT_AUTHORISATION_NOT_YET_VALID: { http: 403, zh: "您对该机构的经办人授权尚未生效。", en: "Your authorisation to act for this organisation is not valid yet." },
  /** The authorisation is in force but does not cover this action (details.action). */
  AGENT_SCOPE_INSUFFICIENT: { http: 403, zh: "您的经办人授权范围不包括此操作。", en: "Your authorisation does not cover this action." },
  /** The authorisation was already revoked; revoking again changes nothing. */
  AGENT_AUTHORISATION_ALREADY_REVOKED: { http: 409, zh: "该授权已被撤销。", en: "This authorisation has already been revoked." },
  /** The certificate profile does not exist, is inactive, or is for the other kind of subject. */
  PROFILE_NOT_AVAILABLE: { http: 400, zh: "所选证书类型不可用。", en: "The selected certificate type is not available." },
  /** Renew, rekey, update and change need the certificate they replace (details.field). */
  REPLACED_CERTIFICATE_REQUIRED: { http: 400, zh: "请选择要续期、更新或变更的证书。", en: "Please choose the certificate to renew, update or change." },
  /** The certificate to replace is not the subscriber's, or is revoked or expired. */
  REPLACED_CERTIFICATE_INVALID: { http: 400, zh: "所选证书不属于该订户，或已被撤销或过期。", en: "The chosen certificate does not belong to this subscriber, or it is revoked or expired." },
  /** An individual application needs the applicant's own identity record. */
  IDENTITY_REQUIRED: { http: 400, zh: "请先填写本人的身份信息。", en: "Please enter your identity details first." },
  /** One or more of the clause 1.1/1.2 declarations was not given (details.field lists them). */
  DECLARATIONS_REQUIRED: { http: 400, zh: "提交前须确认全部声明：材料真实、完整、合法；电子件与原件一致；同意将材料用于电子签名服务和证书查询。", en: "Before submitting, please confirm every declaration: the materials are true, complete and lawful; the electronic copies match the originals; you consent to their use for e-signature services and certificate query." },
  /** Submission without the documents the application needs (details.field lists the kinds). */
  DOCUMENTS_MISSING: { http: 400, zh: "请上传所需的证明材料。", en: "Please upload the required documents." },
  /** The file is not a JPEG, PNG or PDF by its content (whatever its name says). */
  DOCUMENT_TYPE_NOT_ALLOWED: { http: 415, zh: "仅接受 JPEG、PNG 或 PDF 文件（按文件内容判断）。", en: "Only JPEG, PNG or PDF files are accepted (judged by the file's content)." },
  /** The file starts like a JPEG, PNG or PDF but its structure is broken. */
  DOCUMENT_CORRUPT: { http: 415, zh: "文件已损坏或不是有效的图片/PDF。", en: "The file is damaged or is not a valid image or PDF." },
  /** The file is larger than the limit (details.limitBytes). */
  DOCUMENT_TOO_LARGE: { http: 413, zh: "文件过大，单个文件不能超过 {limitMiB} MiB。", en: "The file is too large; the limit is {limitMiB} MiB per file." },
  /** An empty file. */
  DOCUMENT_EMPTY: { http: 400, zh: "文件为空。", en: "The file is empty." },
  /** The stored bytes no longer match their SHA-256 or fail authentication: tampering or key loss. */
  DOCUMENT_INTEGRITY: { http: 500, zh: "文件校验失败，请联系客服。", en: "The file failed its integrity check. Please contact support." },
  /** The document's content was erased (deletion request); only its record remains. */
  DOCUMENT_ERASED: { http: 410, zh: "该文件内容已按要求删除。", en: "This file's content has been erased." },
  /** The registration authority is not active (merged or closed). */
  RA_NOT_ACTIVE: { http: 409, zh: "该注册机构已合并或关闭。", en: "This registration authority has been merged or closed." },
  /** A merged or closed RA needs an active successor other than itself. */
  RA_SUCCESSOR_INVALID: { http: 400, zh: "请指定一个正在运营的其他注册机构作为承接机构。", en: "Please name another, active registration authority as successor." },
  /** No active registration authority exists to take the application. */
  RA_NONE_ACTIVE: { http: 503, zh: "暂无可受理申请的注册机构，请稍后再试。", en: "No registration authority is available to take applications. Please try again later." },
  /** An officer attached to a registration authority acted on an application of another RA (auth/application-review-access.ts). */
  REVIEW_NOT_ALLOWED: { http: 403, zh: "此申请属于其他注册机构，应由该机构的审核员办理。", en: "This application belongs to another registration authority: its officers handle it." },
  /** Payment recorded on an application that has no fee or is already paid. */
  PAYMENT_NOT_DUE: { http: 409, zh: "该申请无需缴费或已缴费。", en: "No payment is due for this application." },
  /** The amount paid is not the fee (details.feeCents). */
  PAYMENT_AMOUNT_MISMATCH: { http: 400, zh: "缴费金额与应缴费用不符。", en: "The amount paid does not match the fee." },
  /**
   * The applicant acted on the application as a page showed it, and it changed since (a second click
   * on resubmit, a stale tab, an edit in another window): the form's version no longer matches. Nothing was done.
   */
  APPLICATION_CHANGED_SINCE_OPENED: {
    http: 409,
    zh: "您打开本页后，此申请已有变动（可能已经提交，或在其他窗口中修改过），本次操作未执行。请刷新页面查看申请的最新状态。",
    en: "This application changed after you opened this page (it may have been submitted already, or edited in another window), so nothing was done. Reload the page to see where it stands.",
  },
  /** Issuance asked for while the fee is unpaid (clause 1.9). */
  APPLICATION_FEE_UNPAID: { http: 409, zh: "请先缴纳证书服务费用。", en: "Please pay the certificate fee first." },
  /** Approval asked for while the fee is unpaid: review follows the recorded payment (clause 1.9). */
  REVIEW_AWAITS_PAYMENT: {
    http: 409,
    zh: "此申请需缴费，注册机构登记付款后方可审核通过。请先登记付款；如申请材料有问题，可以要求补充材料或不予通过。",
    en: "This application has a fee: it can be approved only once its payment is recorded. Record the payment first; if the application has problems, you can ask for more information or reject it.",
  },
} as const satisfies Record<string, ErrorEntry>;
