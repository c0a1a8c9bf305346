import type { ErrorEntry } from "./entry";

/** Errors of the revocation area (clause 1.4 and 3). Each code: one line of doc saying when it is thrown. */
export const revocationErrors = {
  /** The reason is not one this requester may give (a subscriber cannot assert privilegeWithdrawn; hold is not a reason). */
  REVOCATION_REASON_NOT_ALLOWED: { http: 400, zh: "您不能以该理由申请撤销证书。", en: "This revocation reason cannot be given by you." },
  /** A CA-initiated revocation names a reason that does not fit the clause 3 ground. */
  REVOCATION_REASON_NOT_FOR_GROUND: { http: 400, zh: "所选撤销理由与撤销依据不符。", en: "The revocation reason does not fit the chosen ground." },
  /** The certificate already has an open request of this kind; the existing one is being handled. */
  REVOCATION_REQUEST_OPEN: { http: 409, zh: "该证书已有一项正在处理的申请，请勿重复提交。", en: "A request for this certificate is already being handled." },
  /** An officer tried to carry out a request whose requester's identity is not confirmed yet. */
  REVOCATION_REQUEST_NOT_COMPLIANT: { http: 409, zh: "申请人身份尚未确认，暂不能执行撤销。", en: "The requester's identity is not confirmed yet, so the revocation cannot be carried out." },
  /** The request was already carried out or rejected. */
  REVOCATION_REQUEST_CLOSED: { http: 409, zh: "该申请已处理完毕。", en: "This request has already been handled." },
  /** The request was confirmed already (it is compliant and its 24-hour clock runs). */
  REVOCATION_REQUEST_ALREADY_CONFIRMED: { http: 409, zh: "该申请的申请人身份已确认。", en: "The requester's identity for this request is already confirmed." },
  /** The revocation challenge is malformed, not ours, expired, or for another certificate or request. */
  REVOCATION_CHALLENGE_INVALID: { http: 400, zh: "签名挑战码无效或已过期，请重新获取后签名。", en: "The signing challenge is invalid or has expired. Please get a new one and sign it again." },
  /** The signature over the challenge does not verify with the certificate's public key. */
  REVOCATION_SIGNATURE_INVALID: { http: 400, zh: "签名无法用该证书的公钥验证，请使用该证书对应的私钥签名。", en: "The signature does not verify with this certificate's public key. Sign with the certificate's own private key." },
  /** A hold release without the holder's declaration that nobody else had the key while it was lost. */
  HOLD_RELEASE_DECLARATION_REQUIRED: { http: 400, zh: "申请解除挂起前，须写明密钥是如何找回的，并声明遗失期间没有他人持有或使用过该密钥。", en: "Before asking for the hold to be released, say how the key was found and declare that nobody else had or used it while it was lost." },
  /** A hold release for a revoked certificate: a revocation is final, whatever its reason (keyCompromise above all). */
  HOLD_RELEASE_REVOKED: { http: 409, zh: "该证书已被撤销。撤销不可恢复，不能解除挂起；如需继续使用，请重新申请证书。", en: "This certificate has been revoked. A revocation is final and cannot be released; apply for a new certificate if you need one." },
  /** A hold release while a revocation of the same certificate is open: the key may be compromised, it stays suspended until that is settled. */
  HOLD_RELEASE_REVOCATION_PENDING: { http: 409, zh: "该证书有一项撤销申请正在办理，办结前不能解除挂起。", en: "A revocation request for this certificate is being handled; the hold cannot be released before it is settled." },
  /** The invalidity date lies after the revocation time or before the certificate's validity. */
  REVOCATION_INVALIDITY_DATE_INVALID: { http: 400, zh: "失效日期无效：不能晚于撤销时间，也不能早于证书生效时间。", en: "The invalidity date is invalid: it cannot be after the revocation or before the certificate became valid." },
  /** A batch revocation selected no certificate that is still valid (details.field names the selection). */
  REVOCATION_BATCH_EMPTY: { http: 400, zh: "按此条件没有找到尚在有效期内的证书，无需批量撤销。", en: "No certificate that is still valid matches this selection: there is nothing to revoke." },
  /** A pasted serial list longer than the bound (details.limit lines). */
  REVOCATION_BATCH_TOO_MANY_LINES: { http: 400, zh: "序列号清单过长：一次最多 10000 行，请分批提交。", en: "The serial list is too long: at most 10,000 lines at a time. Please split it." },
  /** More certificates than one batch may hold (details.limit). */
  REVOCATION_BATCH_TOO_LARGE: { http: 400, zh: "选中的证书过多，超出单次批量撤销上限，请缩小范围后分批办理。", en: "Too many certificates are selected for one batch. Please narrow the selection and revoke in several batches." },
  /** The count the administrator confirmed is not what the selection gives now (certificates issued or revoked since the preview). */
  REVOCATION_BATCH_CHANGED: { http: 409, zh: "预览之后证书数量已有变化，请重新预览并核对数量后再提交。", en: "The number of certificates changed since the preview. Please preview again and check the count before requesting." },
} as const satisfies Record<string, ErrorEntry>;
