// Certificate profiles as data. A profile says which keys it accepts, how long certificates
// live, what they may be used for and how the subject is built from verified data.
// Policy OIDs sit under a UUID arc (2.25, ITU-T X.667) so they cannot collide; a production
// deployment replaces them with its registered policy OIDs.
import type { KeyUsage } from "../asn1/extensions";
import type { NameAttributeType } from "../asn1/names";
import { OID } from "../asn1/oids";
import type { KeyType } from "../keys/key-signer";

export const POLICY_ARC = "2.25.235264436837098558445729401587602176676";

export type UsageScopeKind = "项目" | "系统" | "平台";
export interface UsageScope {
  kind: UsageScopeKind;
  /** the named project, system or platform */
  name: string;
}

/** Data the registration side has verified; the CA never reads a subject from a CSR. */
export interface VerifiedSubject {
  country: string;
  fullName?: string;
  organizationName?: string;
  /** 统一社会信用代码 (18 characters) */
  organizationId?: string;
  province?: string;
  city?: string;
  department?: string;
  /** name of the electronic seal (电子印章) */
  sealName?: string;
  email?: string;
}

export interface SubjectField {
  attr: NameAttributeType;
  from: Exclude<keyof VerifiedSubject, "email">;
  required: boolean;
  /** written before the value, e.g. the ETSI "NTRCN-" semantics identifier */
  prefix?: string;
}

export type AllowedKey = { type: "rsa"; bits: readonly number[] } | { type: "ec"; curve: "prime256v1" } | { type: "sm2" };

/**
 * The algorithm family of a profile: "international" takes RSA and P-256 keys and is issued under
 * the RSA root; "sm2" takes SM2 keys only and is issued by issuing-sm2 under root-sm2 (GM/T 0015).
 */
export type ProfileFamily = "international" | "sm2";

export interface CertificateProfile {
  id: string;
  nameZh: string;
  nameEn: string;
  subjectKind: "individual" | "organization";
  family: ProfileFamily;
  allowedKeys: readonly AllowedKey[];
  validityDays: number;
  keyUsage: Readonly<Record<KeyType, readonly KeyUsage[]>>;
  extKeyUsage: readonly string[];
  policyOid: string;
  usageScopes: readonly UsageScopeKind[];
  subject: readonly SubjectField[];
  emailSan: "none" | "optional" | "required";
  serverKeyGeneration: boolean;
  /**
   * GM/T 0034 dual certificates: the subscriber's key gets the signing certificate and the CA's
   * key-management side makes, certifies and envelopes the encryption key pair.
   */
  dualCertificate?: boolean;
}

const STANDARD_KEYS: readonly AllowedKey[] = [
  { type: "rsa", bits: [2048, 3072] },
  { type: "ec", curve: "prime256v1" },
];
const SM2_KEYS: readonly AllowedKey[] = [{ type: "sm2" }];
const SIGNING_USAGE = { rsa: ["digitalSignature", "nonRepudiation"], ec: ["digitalSignature", "nonRepudiation"], sm2: ["digitalSignature", "nonRepudiation"] } as const;
const INDIVIDUAL_FIELDS: SubjectField[] = [
  { attr: "C", from: "country", required: true },
  { attr: "CN", from: "fullName", required: true },
];
const ORG_FIELDS: SubjectField[] = [
  { attr: "C", from: "country", required: true },
  { attr: "ST", from: "province", required: false },
  { attr: "L", from: "city", required: false },
  { attr: "O", from: "organizationName", required: true },
  { attr: "organizationIdentifier", from: "organizationId", required: true, prefix: "NTRCN-" },
];

export const PROFILES: Readonly<Record<string, CertificateProfile>> = {
  "individual-signing": {
    id: "individual-signing",
    nameZh: "个人签名证书",
    nameEn: "Individual signing",
    subjectKind: "individual",
    family: "international",
    allowedKeys: STANDARD_KEYS,
    validityDays: 365,
    keyUsage: SIGNING_USAGE,
    extKeyUsage: [OID.ekuDocumentSigning, OID.ekuEmailProtection, OID.ekuClientAuth],
    policyOid: `${POLICY_ARC}.1.1`,
    usageScopes: ["项目", "系统", "平台"],
    subject: [
      { attr: "C", from: "country", required: true },
      { attr: "CN", from: "fullName", required: true },
    ],
    emailSan: "optional",
    serverKeyGeneration: true,
  },
  "organization-signing": {
    id: "organization-signing",
    nameZh: "机构签名证书",
    nameEn: "Organisation signing",
    subjectKind: "organization",
    family: "international",
    allowedKeys: STANDARD_KEYS,
    validityDays: 730,
    keyUsage: SIGNING_USAGE,
    extKeyUsage: [OID.ekuDocumentSigning, OID.ekuEmailProtection, OID.ekuClientAuth],
    policyOid: `${POLICY_ARC}.1.2`,
    usageScopes: ["项目", "系统", "平台"],
    subject: [...ORG_FIELDS, { attr: "OU", from: "department", required: false }, { attr: "CN", from: "fullName", required: true }],
    emailSan: "optional",
    serverKeyGeneration: true,
  },
  "organization-seal": {
    id: "organization-seal",
    nameZh: "机构电子印章证书",
    nameEn: "Organisation seal (电子印章)",
    subjectKind: "organization",
    family: "international",
    allowedKeys: STANDARD_KEYS,
    validityDays: 730,
    keyUsage: SIGNING_USAGE,
    extKeyUsage: [OID.ekuDocumentSigning],
    policyOid: `${POLICY_ARC}.1.3`,
    usageScopes: ["系统", "平台"],
    subject: [...ORG_FIELDS, { attr: "CN", from: "sealName", required: true }],
    emailSan: "none",
    serverKeyGeneration: false,
  },
  encryption: {
    id: "encryption",
    nameZh: "加密证书",
    nameEn: "Encryption",
    subjectKind: "individual",
    family: "international",
    allowedKeys: STANDARD_KEYS,
    validityDays: 365,
    keyUsage: { rsa: ["keyEncipherment", "dataEncipherment"], ec: ["keyAgreement"], sm2: ["keyEncipherment", "dataEncipherment", "keyAgreement"] },
    extKeyUsage: [OID.ekuEmailProtection],
    policyOid: `${POLICY_ARC}.1.4`,
    usageScopes: ["项目", "系统", "平台"],
    subject: [
      { attr: "C", from: "country", required: true },
      { attr: "CN", from: "fullName", required: true },
    ],
    emailSan: "required",
    serverKeyGeneration: true,
  },
  // The SM2 profiles (issue 17) mirror their international twins; no server-side key generation
  // (an SM2 key in a PKCS#12 is not something every relying tool reads).
  "individual-signing-sm2": {
    id: "individual-signing-sm2",
    nameZh: "个人签名证书（SM2）",
    nameEn: "Individual signing (SM2)",
    subjectKind: "individual",
    family: "sm2",
    allowedKeys: SM2_KEYS,
    validityDays: 365,
    keyUsage: SIGNING_USAGE,
    extKeyUsage: [OID.ekuDocumentSigning, OID.ekuEmailProtection, OID.ekuClientAuth],
    policyOid: `${POLICY_ARC}.1.5`,
    usageScopes: ["项目", "系统", "平台"],
    subject: INDIVIDUAL_FIELDS,
    emailSan: "optional",
    serverKeyGeneration: false,
  },
  "organization-seal-sm2": {
    id: "organization-seal-sm2",
    nameZh: "机构电子印章证书（SM2）",
    nameEn: "Organisation seal (电子印章, SM2)",
    subjectKind: "organization",
    family: "sm2",
    allowedKeys: SM2_KEYS,
    validityDays: 730,
    keyUsage: SIGNING_USAGE,
    extKeyUsage: [OID.ekuDocumentSigning],
    policyOid: `${POLICY_ARC}.1.6`,
    usageScopes: ["系统", "平台"],
    subject: [...ORG_FIELDS, { attr: "CN", from: "sealName", required: true }],
    emailSan: "none",
    serverKeyGeneration: false,
  },
  "individual-dual-sm2": {
    id: "individual-dual-sm2",
    nameZh: "个人双证书（SM2 签名 + 加密）",
    nameEn: "Individual dual certificate (SM2 signing + encryption)",
    subjectKind: "individual",
    family: "sm2",
    allowedKeys: SM2_KEYS,
    validityDays: 365,
    // The subscriber's key is the signing key: this is the signing certificate's usage. The
    // encryption certificate's usage is the KMC's (encryption profile's sm2 entry).
    keyUsage: SIGNING_USAGE,
    extKeyUsage: [OID.ekuDocumentSigning, OID.ekuEmailProtection, OID.ekuClientAuth],
    policyOid: `${POLICY_ARC}.1.7`,
    usageScopes: ["项目", "系统", "平台"],
    subject: INDIVIDUAL_FIELDS,
    emailSan: "optional",
    serverKeyGeneration: false,
    dualCertificate: true,
  },
};
