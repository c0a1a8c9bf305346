// Public API of the CA engine. The server layer imports from here; nothing in src/ca imports
// from app/, server/ or db/.
export { CaError, CA_ERROR_CODES, isCaError, type CaErrorCode } from "./errors";
export { systemClock, fixedClock, wholeSeconds, type Clock } from "./clock";
export type { KeyCustody, KeySigner, KeySpec, KeyType } from "./keys/key-signer";
export { fileKeyCustody, encryptPrivateKey, decryptPrivateKey, keyObjectSigner } from "./keys/file-key-custody";
export { memoryKeyCustody } from "./keys/memory-key-custody";
export { pkcs11KeyCustody, type Pkcs11Config, type Pkcs11Custody } from "./keys/pkcs11-key-custody";
export { createDemoHierarchy, DEFAULT_FAMILIES, SM2_ENTITIES, type DemoHierarchyOptions } from "./hierarchy/create-demo-hierarchy";
export { loadHierarchy, chainOf, hierarchyToJson, hierarchyFromJson, type Hierarchy, type HierarchyRecord, type CaEntity, type LoadedEntity } from "./hierarchy/hierarchy";
export { pkiUrls, type PkiUrls } from "./hierarchy/pki-urls";
export { PROFILES, POLICY_ARC, type CertificateProfile, type VerifiedSubject, type UsageScope, type UsageScopeKind, type ProfileFamily } from "./issuance/profiles";
export { parseCsr, describePublicKey, MAX_CSR_BYTES, type ParsedCsr } from "./issuance/parse-csr";
export { issueFromCsr, issueForPublicKey, shardOfSerialHex, spkiSha256Of, type IssuanceDeps, type IssueInput, type IssuedCertificate, type SerialUniqueness, type KeyOwnership } from "./issuance/issue-certificate";
export { generateKeyAndIssue, type GenerateKeyInput } from "./issuance/generate-key-and-issue";
export { pkcs7Chain } from "./outputs/pkcs7-chain";
export { buildPkcs12, checkPkcs12Password } from "./outputs/pkcs12";
export { derToPem, pemToDer, parseCertificate, type CertificateParts } from "./asn1/certificate-parts";
export { encodeCrl, crlToBuffer, crlToStream, crlToPem, crlHttpHeaders, type CrlInput, type EncodedCrl, type RevokedEntry } from "./crl/encode-crl";
export { REASON_CODES, SUBSCRIBER_REASONS, ADMINISTRATIVE_REASONS, type RevocationReason } from "./crl/revocation-reasons";
export { createOcspResponder, memoryOcspCache, decodeGetPath, type OcspResponder, type OcspCache, type PresignedEntry, type StatusLookup, type OcspHttpResponse } from "./ocsp/ocsp-responder";
export type { CertStatus } from "./ocsp/ocsp-response";
export { createTimestampAuthority, grantedTimestampResponse, type IssuedTokenRecord, type TimestampAuthority, type TsaHttpResponse } from "./tsa/timestamp-authority";
export { signCms, type SignCmsInput } from "./cms/sign-cms";
export { verifyCertificate, type VerificationContext, type TrustedCa, type CertificateVerdict } from "./verify/verify-certificate";
export { verifyCms, type CmsVerdict } from "./verify/verify-cms";
export { verifyTimestampToken, type TimestampVerdict } from "./verify/verify-timestamp";
export { REASONS as VERDICT_REASONS, type Check, type CheckOutcome, type Overall, type ReasonCode } from "./verify/verdict";
