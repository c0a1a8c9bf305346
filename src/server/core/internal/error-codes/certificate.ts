import type { ErrorEntry } from "./entry";

/** Errors of the certificate area. Each code: one line of doc saying when it is thrown. */
export const certificateErrors = {
  /** The application already has its certificate (a second officer or a double click). */
  CERT_ALREADY_ISSUED: { http: 409, zh: "该申请的证书已签发，请勿重复操作。", en: "The certificate for this application has already been issued." },
  /** The application uses the other key generation mode (CSR vs server-generated PKCS#12). */
  KEY_GENERATION_MISMATCH: { http: 409, zh: "该申请的密钥生成方式与本操作不符。", en: "This application uses a different key generation method." },
  /** The certificate request cannot be used (malformed, no proof of possession); details.reason. */
  CSR_INVALID: { http: 400, zh: "证书请求文件无效，请重新生成后提交。", en: "The certificate request is invalid. Please generate it again." },
  /** An SM2 request whose signature does not verify with the user ID 1234567812345678 (another tool's default ID, or none). */
  CSR_SM2_USER_ID: {
    http: 400,
    zh: "SM2 证书请求的签名须使用用户标识 1234567812345678。请重新生成，例如：openssl req -new -key 私钥.pem -sm3 -sigopt distid:1234567812345678",
    en: "The SM2 request must be signed with the user ID 1234567812345678. Please make it again, e.g. openssl req -new -key key.pem -sm3 -sigopt distid:1234567812345678",
  },
  /** The key type or size is not allowed by the profile. */
  KEY_NOT_ACCEPTED: {
    http: 400,
    zh: "密钥算法或长度不符合证书类型要求：国际算法证书接受 RSA-2048/3072 或 ECDSA P-256，SM2 证书只接受 SM2 密钥。",
    en: "The key algorithm or size is not allowed: RSA-2048/3072 or ECDSA P-256 for the international certificate types, SM2 keys only for the SM2 types.",
  },
  /** The public key is already certified for another subscriber. */
  KEY_ALREADY_CERTIFIED: { http: 409, zh: "该公钥已被其他订户的证书使用，请生成新的密钥对。", en: "This public key is already certified for another subscriber. Please generate a new key pair." },
  /**
   * The public key is on the blocked list (a certificate on it was revoked for key compromise): refused
   * at every door of issuance (a CSR typed, uploaded or made in the browser; a rekey or change; the
   * issuance itself; the CA engine, which also checks a key the server generated).
   */
  KEY_BLOCKED: { http: 409, zh: "该公钥已因私钥泄露被列入禁用名单，不能再用于申请证书，请重新生成密钥对。", en: "This public key is blocked because its private key was compromised. It cannot be certified again: please generate a new key pair." },
  /** The verified application data lacks what the profile needs (details.field). */
  SUBJECT_DATA_INCOMPLETE: { http: 409, zh: "申请中经核验的信息不完整，无法生成证书主题。", en: "The verified application data is incomplete for this certificate." },
  /** The PKCS#12 password does not meet the rules. */
  PKCS12_PASSWORD_WEAK: { http: 400, zh: "证书保护密码需 12 至 128 个字符，并包含大写字母、小写字母、数字、其他字符中的至少三类。", en: "The password must have 12 to 128 characters mixing at least three of: upper case, lower case, digits, other characters." },
  /** The CA is not available (keys not loaded). */
  CA_UNAVAILABLE: { http: 503, zh: "证书签发服务暂不可用，请稍后重试。", en: "The certificate service is temporarily unavailable. Please try again later." },
  /** Revoked or superseded: nothing more can happen to it. */
  CERT_REVOKED: { http: 409, zh: "该证书已被撤销。", en: "This certificate has been revoked." },
  /** Past notAfter. */
  CERT_EXPIRED: { http: 409, zh: "该证书已过期。", en: "This certificate has expired." },
  /** The receipt (clause 1.7) is already recorded. */
  CERT_ALREADY_RECEIVED: { http: 409, zh: "该证书的签收已记录。", en: "The receipt of this certificate is already recorded." },
  /** Acceptance, tests and objections need the receipt first. */
  CERT_NOT_RECEIVED: { http: 409, zh: "证书尚未交付签收。", en: "The certificate has not been received yet." },
  /** Explicitly or deemed accepted already. */
  CERT_ALREADY_ACCEPTED: { http: 409, zh: "该证书已被接受。", en: "This certificate has already been accepted." },
  /** The certificate is suspended (loss report). */
  CERT_SUSPENDED: { http: 409, zh: "该证书已挂起。", en: "This certificate is suspended." },
  /** Suspend asked for a certificate already suspended. */
  CERT_ALREADY_SUSPENDED: { http: 409, zh: "该证书已处于挂起状态。", en: "This certificate is already suspended." },
  /** Release asked for a certificate not suspended. */
  CERT_NOT_SUSPENDED: { http: 409, zh: "该证书未处于挂起状态。", en: "This certificate is not suspended." },
  /** A receipt time in the future or before issuance. */
  RECEIPT_TIME_INVALID: { http: 400, zh: "签收时间无效：不能早于签发时间，也不能晚于当前时间。", en: "The receipt time is invalid: it cannot be before issuance or in the future." },
  /** The test challenge is unknown, expired, used, or for another certificate. */
  CHALLENGE_INVALID: { http: 400, zh: "测试挑战码无效或已过期，请重新开始证书测试。", en: "The test challenge is invalid or has expired. Please start the certificate test again." },
  /** An objection within the test window must name a failed test of this certificate. */
  TEST_RESULT_REQUIRED: { http: 400, zh: "请附上本证书未通过的测试结果后再提出异议。", en: "Please attach the failed test of this certificate to the objection." },
  /** The objection was resolved already. */
  OBJECTION_NOT_OPEN: { http: 409, zh: "该异议已处理完毕。", en: "This objection has already been resolved." },
  /** Change (clause 1.1): the certificate is revoked, superseded or expired, or has no application to carry the details over from. */
  CERT_NOT_CHANGEABLE: { http: 409, zh: "该证书已撤销、已被替换或已过期，不能申请变更；如需证书请重新申请。", en: "This certificate is revoked, replaced or expired and cannot be changed; apply for a new certificate instead." },
  /** Change: an application replacing the certificate is under way (details.applicationId). */
  CERT_REPLACEMENT_OPEN: { http: 409, zh: "已有一项替换本证书的申请正在办理，请继续办理该申请。", en: "An application replacing this certificate is already in progress; please continue that one." },
  /** The seal test's signed PDF failed a check (details.rule: a SEAL_PDF_REFUSALS code, which the test page words); nothing was recorded. */
  SEAL_PDF_REFUSED: { http: 400, zh: "签名的 PDF 未通过服务器验证，未记录测试结果。", en: "The signed PDF did not pass the server's checks; no test result was recorded." },
  /** Calendar data for an import is inconsistent (details.issues). */
  CALENDAR_DATA_INVALID: { http: 400, zh: "节假日数据有误，请核对国务院办公厅通知后重新导入。", en: "The calendar data is inconsistent. Please check it against the State Council notice." },
} as const satisfies Record<string, ErrorEntry>;
