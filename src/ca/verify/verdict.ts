// A structured verdict: each check passes, fails or cannot tell, with a stable reason code
// and its explanation in Chinese and English, so the UI and evidence reports can show it.
export type CheckOutcome = "pass" | "fail" | "cannot_tell";
export type CheckId = "structure" | "signature" | "signer_certificate" | "chain" | "validity" | "revocation" | "key_usage" | "timestamp" | "message_imprint";

export const REASONS = {
  ok: { en: "Check passed", zh: "检查通过" },
  malformed: { en: "The data cannot be parsed", zh: "数据无法解析" },
  digest_mismatch: { en: "The content does not match the signed digest", zh: "内容与签名摘要不一致" },
  bad_signature: { en: "The signature value does not verify", zh: "签名值验证失败" },
  no_content: { en: "Detached signature given without the signed content", zh: "分离式签名缺少原文" },
  unsupported_algorithm: { en: "Unsupported algorithm", zh: "不支持的算法" },
  signer_not_found: { en: "The signer certificate is not in the signature", zh: "签名中未包含签名者证书" },
  untrusted: { en: "The certificate does not chain to a trusted root of this CA", zh: "证书无法链接到本机构的受信根证书" },
  not_yet_valid: { en: "A certificate was not yet valid at the relevant time", zh: "相关时间点证书尚未生效" },
  expired: { en: "A certificate had expired at the relevant time", zh: "相关时间点证书已过期" },
  revoked: { en: "The certificate was revoked at the relevant time", zh: "相关时间点证书已被撤销" },
  on_hold: { en: "The certificate was suspended (on hold) at the relevant time", zh: "相关时间点证书处于挂起状态" },
  status_unknown: { en: "The CA has no record of this certificate", zh: "本机构无此证书记录" },
  no_status_source: { en: "No revocation status source was available", zh: "无可用的撤销状态来源" },
  key_usage_forbids: { en: "The certificate's key usage does not allow signing", zh: "证书密钥用法不允许签名" },
  no_timestamp: { en: "No timestamp: the signing time is not proven", zh: "无时间戳：签名时间无法证明" },
  timestamp_invalid: { en: "The embedded timestamp does not verify", zh: "内嵌时间戳验证失败" },
  tsa_not_authorised: { en: "The timestamp certificate lacks the critical timeStamping usage", zh: "时间戳证书缺少关键的时间戳用途" },
  ess_mismatch: { en: "The token does not identify its signing certificate correctly", zh: "时间戳未正确标识其签名证书" },
  algorithm_mismatch: { en: "The signature algorithm does not match the type of the signer's key (e.g. SM3withSM2 with an RSA key)", zh: "签名算法与签名者密钥类型不符（如 RSA 密钥配 SM3withSM2）" },
  certificate_signature_invalid: { en: "The issuer's signature on a certificate in the chain does not verify", zh: "证书链中某证书上的签发者签名验证失败" },
  bad_public_key: { en: "The public key is malformed (an SM2 key must be a point on the SM2 curve)", zh: "公钥格式错误（SM2 公钥必须是 SM2 曲线上的点）" },
} as const;
export type ReasonCode = keyof typeof REASONS;

export interface Check {
  id: CheckId;
  outcome: CheckOutcome;
  reason: ReasonCode;
  en: string;
  zh: string;
  /** extra facts (times, names), never secrets: machine text for the record */
  detail?: string;
  /** The same facts as data, so a page can put them in words (Beijing time, reason label). */
  facts?: CheckFacts;
}

/** ISO instants and the CRL reason name (RFC 5280 camelCase), as the evidence records them. */
export interface CheckFacts {
  at?: string;
  revokedAt?: string;
  revocationReason?: string;
  genTime?: string;
  /** What was checked, by the names people use: "SM3withSM2", "SHA256withRSA"; "SM2", "RSA", "ECDSA". */
  signatureAlgorithm?: string;
  keyAlgorithm?: string;
}

export const check = (id: CheckId, outcome: CheckOutcome, reason: ReasonCode, detail?: string, facts?: CheckFacts): Check => ({
  id,
  outcome,
  reason,
  ...REASONS[reason],
  ...(detail ? { detail } : {}),
  ...(facts ? { facts } : {}),
});

export type Overall = "valid" | "invalid" | "indeterminate";

/** Any fail makes it invalid; otherwise any cannot-tell makes it indeterminate. */
export function overallOf(checks: readonly Check[]): Overall {
  if (checks.some((c) => c.outcome === "fail")) return "invalid";
  if (checks.some((c) => c.outcome === "cannot_tell")) return "indeterminate";
  return "valid";
}
