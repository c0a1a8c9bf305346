export type { CheckResult } from "./result";
export { normaliseIdNumber } from "./result";
export { checkResidentId, residentIdCheckChar } from "./resident-id";
export type { ResidentIdCode, ResidentIdDetails } from "./resident-id";
export { checkUscc, usccCheckChar, organisationCodeCheckChar, USCC_ALPHABET } from "./uscc";
export type { UsccCode, UsccDetails } from "./uscc";
export { checkPassport, checkHkMacaoPermit, checkTaiwanPermit, checkForeignPermanentResidentId } from "./travel-documents";
export type { TravelDocumentCode } from "./travel-documents";
export {
  ID_DOCUMENT_TYPES,
  checkIdDocument,
  hkMacaoPermitSchema,
  idDocumentSchema,
  passportSchema,
  residentIdSchema,
  taiwanPermitSchema,
  usccSchema,
} from "./schemas";
export type { IdDocumentType } from "./schemas";
export { identityDocumentKinds } from "./identity-documents";
export type { IdentityDocumentKind } from "./identity-documents";
export { identityKey, namesDiffer, normaliseDocumentNumber } from "./identity-key";
export type { IdentityKeySubject } from "./identity-key";
