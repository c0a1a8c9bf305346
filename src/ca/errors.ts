// One error type for the whole engine. The code is stable (callers map it to HTTP statuses and
// user messages at the edge); the message is for operators and logs and never contains secrets.

export const CA_ERROR_CODES = {
  DER_MALFORMED: "The bytes are not valid DER",
  INPUT_TOO_LARGE: "The input exceeds the size limit",
  CSR_MALFORMED: "The certificate request cannot be parsed",
  CSR_SIGNATURE_INVALID: "The certificate request signature does not verify (no proof of possession)",
  CSR_SM2_USER_ID_MISMATCH: "The SM2 request signature does not verify with the user ID 1234567812345678",
  CSR_SIGNATURE_ALGORITHM_UNSUPPORTED: "The certificate request is signed with an unsupported algorithm",
  KEY_ALGORITHM_NOT_ALLOWED: "The key algorithm is not allowed by the profile",
  KEY_TOO_WEAK: "The key is too small",
  KEY_ALREADY_CERTIFIED: "This public key is already certified for another subscriber",
  PROFILE_UNKNOWN: "No such certificate profile",
  SUBJECT_INVALID: "The verified subject data does not satisfy the profile",
  USAGE_SCOPE_NOT_ALLOWED: "The usage scope is not allowed by the profile",
  SERIAL_COLLISION: "No unique serial number could be reserved",
  ISSUER_UNAVAILABLE: "No issuing CA for this key type",
  ISSUANCE_CHECK_FAILED: "The prepared certificate failed the profile check",
  PASSWORD_TOO_WEAK: "The PKCS#12 password does not meet the password rules",
  KEY_FILE_INVALID: "The key file cannot be read (wrong passphrase or corrupt file)",
  KEY_NOT_FOUND: "No key with this label",
  KEY_EXISTS: "A key with this label already exists",
  PKCS11_UNAVAILABLE: "The PKCS#11 module cannot be loaded",
  PKCS11_ERROR: "The PKCS#11 token refused the operation",
  CERT_MALFORMED: "The certificate cannot be parsed",
  CMS_MALFORMED: "The CMS / PKCS#7 structure cannot be parsed",
  TSA_REQUEST_MALFORMED: "The timestamp request cannot be parsed",
  INVALID_INPUT: "Invalid input",
} as const;

export type CaErrorCode = keyof typeof CA_ERROR_CODES;

export class CaError extends Error {
  override readonly name = "CaError";
  constructor(
    readonly code: CaErrorCode,
    message?: string,
    options?: { cause?: unknown },
  ) {
    super(message ?? CA_ERROR_CODES[code], options);
  }
}

export const isCaError = (e: unknown): e is CaError => e instanceof CaError;
