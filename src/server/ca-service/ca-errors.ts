import { isCaError } from "@/ca/errors";
import { domainError } from "@/server/core";

/** Maps the engine's refusals to the portal's error codes; anything else is rethrown as is. */
export function caErrorToDomain(e: unknown): never {
  if (!isCaError(e)) throw e;
  switch (e.code) {
    case "CSR_MALFORMED":
    case "CSR_SIGNATURE_INVALID":
    case "CSR_SIGNATURE_ALGORITHM_UNSUPPORTED":
    case "INPUT_TOO_LARGE":
    case "DER_MALFORMED":
      throw domainError("CSR_INVALID", { reason: e.code });
    case "CSR_SM2_USER_ID_MISMATCH":
      throw domainError("CSR_SM2_USER_ID", { reason: e.code });
    case "KEY_ALGORITHM_NOT_ALLOWED":
    case "KEY_TOO_WEAK":
      throw domainError("KEY_NOT_ACCEPTED", { reason: e.code });
    case "KEY_ALREADY_CERTIFIED":
      throw domainError("KEY_ALREADY_CERTIFIED");
    case "SUBJECT_INVALID":
    case "USAGE_SCOPE_NOT_ALLOWED":
    case "PROFILE_UNKNOWN":
      throw domainError("SUBJECT_DATA_INCOMPLETE", { field: e.code, reason: e.message });
    case "PASSWORD_TOO_WEAK":
      throw domainError("PKCS12_PASSWORD_WEAK");
    default:
      throw domainError("CA_UNAVAILABLE", { reason: e.code });
  }
}
