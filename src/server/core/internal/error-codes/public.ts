import type { ErrorEntry } from "./entry";

/**
 * Errors of the public services (certificate query, verification), support requests and
 * personal information (clause 1.2, 2.3, 2.4, 6). Each code: one line of doc saying when it is thrown.
 */
export const publicErrors = {
  /** An uploaded input is larger than the service accepts (details.field, details.limit in bytes). */
  INPUT_TOO_LARGE: { http: 413, zh: "上传的内容过大（{field} 不得超过 {limit} 字节）。", en: "The input is too large ({field} may be at most {limit} bytes)." },
  /** A public query by name needs at least a few characters, so the register cannot be listed wholesale. */
  QUERY_TOO_BROAD: { http: 400, zh: "查询条件过于宽泛，请输入更完整的名称或证书序列号。", en: "The query is too broad. Please enter a fuller name or the serial number." },
  /** The verification service cannot reach the CA's trust anchors right now. */
  VERIFICATION_UNAVAILABLE: { http: 503, zh: "验证服务暂不可用，请稍后重试。", en: "The verification service is temporarily unavailable. Please try again later." },
  /** A reply or change on a support request that is closed. */
  SUPPORT_REQUEST_CLOSED: { http: 409, zh: "该服务请求已关闭，不能再答复、关闭或转派。", en: "This support request is closed: it cannot be answered, closed or assigned." },
  /** A requester trying a support desk step (internal note, take, assign) on their own request. */
  SUPPORT_STAFF_ONLY: { http: 403, zh: "只有客服人员可以办理此项操作。", en: "Only the support desk can do this." },
  /** Taking a support request one already holds. */
  SUPPORT_ALREADY_ASSIGNED_TO_YOU: { http: 409, zh: "该服务请求已由您负责。", en: "You are already handling this support request." },
  /** Assigning a support request to someone who is not an active RA officer able to see it (details.assigneeId). */
  SUPPORT_ASSIGNEE_NOT_ALLOWED: { http: 422, zh: "只能转派给负责该请求所属注册机构的受理员。", en: "A request can be assigned only to an RA officer of its registration authority." },
  /** A deletion request while an earlier one is still being handled. */
  PRIVACY_REQUEST_PENDING: { http: 409, zh: "您已有一项正在处理的个人信息删除请求。", en: "A deletion request of yours is already being handled." },
  /** Deletion asked while an application is still open: it must be cancelled or decided first. */
  DELETION_BLOCKED_BY_OPEN_APPLICATION: { http: 409, zh: "您有尚在办理中的证书申请，请先撤回或等待办结后再申请删除个人信息。", en: "You have an application in progress. Please cancel it or wait for its decision before asking for deletion." },
  /** A retention period shorter than the law allows (details.rule). */
  RETENTION_TOO_SHORT: { http: 400, zh: "保存期限不得短于《电子签名法》规定的证书失效后五年。", en: "The retention period cannot be shorter than five years after the certificate expires (Electronic Signature Law)." },
  /** A disclosure to a processor that is no longer active in the register. */
  PROCESSOR_INACTIVE: { http: 409, zh: "该第三方处理者已停用，不能再记录向其提供信息。", en: "This processor is inactive; no new disclosures to it can be recorded." },
  /** The CA is ceasing operation: no new sign-ups or applications are accepted (clause 6, cessation). */
  CESSATION_IN_EFFECT: { http: 409, zh: "本机构正在终止电子认证服务，已停止受理新的注册和申请。", en: "The CA is ceasing its service and no longer accepts new sign-ups or applications." },
  /** A cessation-only action (hand-over export) while the CA is operating normally, or entering cessation twice. */
  CESSATION_STATE_MISMATCH: { http: 409, zh: "该操作与当前的服务终止状态不符。", en: "This action does not match the current cessation state." },
} as const satisfies Record<string, ErrorEntry>;
