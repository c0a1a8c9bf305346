import type { ErrorEntry } from "./entry";

/** Errors of certificate problem reports (Baseline Requirements 4.9.3, 4.9.5). Each code: one line of doc saying when it is thrown. */
export const problemReportErrors = {
  /** Neither a serial nor a certificate file, or both naming different certificates. */
  PROBLEM_REPORT_CERTIFICATE_REQUIRED: { http: 400, zh: "请填写证书序列号或上传证书文件（两者都提供时须为同一张证书）。", en: "Enter the certificate's serial number or upload the certificate (if you give both, they must be the same certificate)." },
  /** The serial is not hexadecimal, or the upload is no X.509 certificate (PEM or DER). */
  PROBLEM_REPORT_CERTIFICATE_UNREADABLE: { http: 400, zh: "无法识别证书：序列号须为十六进制数字，上传的文件须为 PEM 或 DER 格式的证书。", en: "The certificate could not be read: the serial must be hexadecimal and the file a PEM or DER certificate." },
  /** No certificate of this CA has that serial (or that file). */
  PROBLEM_REPORT_CERTIFICATE_UNKNOWN: { http: 404, zh: "本机构没有签发过该证书，请核对序列号或证书文件。", en: "This CA has not issued that certificate. Please check the serial number or the file." },
  /** The proof-of-work is missing, malformed, not ours, expired, too weak or spent already (details.problem). */
  PROBLEM_REPORT_PROOF_OF_WORK_INVALID: { http: 400, zh: "提交校验未通过或已过期，请重新提交（浏览器会自动重新计算）。", en: "The submission check failed or expired. Please submit again (your browser recomputes it)." },
  /** The key-proof nonce is malformed, not ours or expired. */
  PROBLEM_REPORT_NONCE_INVALID: { http: 400, zh: "签名用的随机码无效或已过期，请刷新页面，对新的文本重新签名。", en: "The nonce of the text to sign is invalid or has expired. Reload the page and sign the new text." },
  /** The nonce was used by an earlier report: a proof is good for one report only. */
  PROBLEM_REPORT_NONCE_USED: { http: 409, zh: "该随机码已用于另一份报告，请刷新页面，对新的文本重新签名。", en: "This nonce was already used for another report. Reload the page and sign the new text." },
  /** The signature does not verify with the certificate's public key over the text the page gave. */
  PROBLEM_REPORT_SIGNATURE_INVALID: { http: 400, zh: "签名无法用该证书的公钥验证。请用该证书对应的私钥、按页面所示命令对页面给出的文本签名。", en: "The signature does not verify with the certificate's public key. Sign the text the page gives with the certificate's private key, using the command shown." },
  /** The private key is unreadable (malformed, or protected by a passphrase). */
  PROBLEM_REPORT_PRIVATE_KEY_UNREADABLE: { http: 400, zh: "无法读取私钥：请上传未加密的 PEM 私钥（PKCS#8 或传统格式）。", en: "The private key could not be read: upload an unencrypted PEM private key (PKCS#8 or traditional)." },
  /** The private key's public key is not the certificate's. */
  PROBLEM_REPORT_KEY_MISMATCH: { http: 400, zh: "该私钥与证书的公钥不匹配，不能证明该证书的密钥已泄露。", en: "This private key does not match the certificate's public key, so it does not show the certificate's key is compromised." },
  /** A key proof given with a report that is not about key compromise. */
  PROBLEM_REPORT_PROOF_NOT_FOR_CATEGORY: { http: 400, zh: "只有“密钥泄露”类报告可以附密钥证明。", en: "A key proof can only be given with a key compromise report." },
  /** The ground chosen for a revocation does not fit the report's category. */
  PROBLEM_REPORT_GROUND_NOT_FOR_CATEGORY: { http: 400, zh: "所选撤销依据与报告类别不符。", en: "The revocation ground does not fit the report's category." },
  /** The preliminary report was sent already. */
  PROBLEM_REPORT_PRELIMINARY_SENT: { http: 409, zh: "初步报告已经发出。", en: "The preliminary report has already been sent." },
  /** An outcome before the preliminary report. */
  PROBLEM_REPORT_REVOCATION_BY_CA: {
    http: 409,
    zh: "该报告未经系统核验密钥泄露，是否撤销须由 CA 管理员发起 CA 撤销并经另一位管理员批准；撤销完成后，再在此记录处理结论。",
    en: "No key compromise was verified for this report: revoking is for the CA administrators, as a CA revocation a second administrator approves. Once it is done, record the outcome here.",
  },
  PROBLEM_REPORT_PRELIMINARY_FIRST: { http: 409, zh: "请先发出初步报告，再作处理结论。", en: "Send the preliminary report before deciding the outcome." },
  /** The report has its outcome already. */
  PROBLEM_REPORT_CLOSED: { http: 409, zh: "该问题报告已办结。", en: "This problem report has been closed." },
} as const satisfies Record<string, ErrorEntry>;
