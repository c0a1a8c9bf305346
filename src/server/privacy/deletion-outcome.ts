/** The legal bases named to the subscriber (zh and en), so the outcome JSON stands on its own. */
export const BASIS = {
  certificates: {
    zh: "《中华人民共和国电子签名法》第二十四条及本机构电子认证业务规则：与认证相关的信息至少保存至证书失效后五年",
    en: "Electronic Signature Law of the PRC, art. 24, and the CA's CPS: certification information is kept at least five years after the certificate ceases to be valid",
  },
  contact: {
    zh: "在您的证书仍有效期间，本机构须能就撤销、挂起和更新通知您（订户协议第 3、4 条）",
    en: "While a certificate of yours is still valid the CA must be able to notify you of revocation, suspension and updates (agreement clauses 3 and 4)",
  },
  auditLog: {
    zh: "审计日志为不可改写的证据链，只以内部编号指代您，不含姓名、邮箱或证件内容",
    en: "The audit log is an unalterable evidence chain; it refers to you by an internal id only and holds no name, e-mail address or document content",
  },
} as const;

/** Every category request-deletion can write into an outcome (each has a label on the pages). */
export const DELETION_CATEGORIES = [
  "documentContents", "displayNameAndPhone", "supportMessages", "sentNotifications", "emailTokens",
  "certificates", "revocations", "identityVerificationRecords", "applicationRecords", "agreementAcceptances",
  "agentAuthorisationLetters", "emailAddress", "auditLog",
] as const;
export type DeletionCategory = (typeof DELETION_CATEGORIES)[number];

export function isDeletionCategory(c: string): c is DeletionCategory {
  return (DELETION_CATEGORIES as readonly string[]).includes(c);
}

export interface DeletionOutcome {
  requestId: string;
  decidedAt: string;
  retentionYears: number;
  erased: { category: DeletionCategory; count?: number }[];
  kept: { category: DeletionCategory; ids?: string[]; basis: { zh: string; en: string }; until: string | null }[];
  /** When the sweep will erase what was kept; null = already done. */
  keepUntil: string | null;
  contactKeptUntil: string | null;
  completedAt?: string;
}
