import { AUDIT_SUMMARY_ENUMS, isAuditAction } from "@/server/core/audit-events";

/**
 * Which enum a value in an audit summary belongs to (the Prisma enums, and the two value lists
 * the server keeps in code: PaymentMethod from ra/record-payment, ReportChannel from
 * revocation/report-loss; all labelled under `enums` in messages/areas/labels.*.json). Several enums share values with
 * different meanings (ACTIVE: a CA, a certificate, an RA; APPLY: an agent scope, an acceptance
 * context), so a value is labelled only through the field that holds it. For the actions the
 * portal writes, the typed table beside the events says which field holds which enum
 * (AUDIT_SUMMARY_ENUMS in server/core/audit-events.ts). Rows of actions it no longer knows are
 * read as before: by the subject type, then by the field name alone. A field found in none of
 * them is shown raw.
 */
type FieldEnums = Readonly<Record<string, string>>;

/** Only for rows of actions no longer written (LEGACY: the guess the typed table replaced). */
const LEGACY_BY_SUBJECT: Readonly<Record<string, FieldEnums>> = {
  Application: { from: "ApplicationStatus", to: "ApplicationStatus", status: "ApplicationStatus", kind: "ApplicationKind" },
  Certificate: { status: "CertificateStatus", previousStatus: "CertificateStatus", reason: "RevocationReason" },
  RevocationRequest: { kind: "RevocationRequestKind", status: "RevocationRequestStatus", reason: "RevocationReason" },
  Document: { kind: "DocumentKind" },
  RegistrationAuthority: { status: "RegistrationAuthorityStatus" },
  SupportRequest: { status: "SupportRequestStatus" },
  OrganisationMember: { role: "OrganisationRole" },
  AgreementAcceptance: { method: "AcceptanceMethod", context: "AcceptanceContext" },
  PrivacyRequest: { kind: "PrivacyRequestKind", status: "PrivacyRequestStatus" },
  Objection: { status: "ObjectionStatus" },
};

/** Only for rows of actions no longer written: fields that held the same enum whatever the event. */
const LEGACY_BY_FIELD: FieldEnums = {
  roles: "Role",
  scope: "AgentScope",
  ground: "CaRevocationGround",
  resolution: "ObjectionResolution",
  revocationReason: "RevocationReason",
  confirmationMethod: "RevocationConfirmationMethod",
  idDocumentType: "IdDocumentType",
  feeStatus: "FeeStatus",
  keyGeneration: "KeyGeneration",
  subjectType: "SubjectType",
  profileKind: "ProfileKind",
};

export type AuditEventContext = { action: string; subjectType: string };

/** The enum a summary field's values belong to, or null when the field holds no known enum. */
export function summaryFieldEnum(event: AuditEventContext, field: string): string | null {
  const pick = (table: FieldEnums | undefined) => (table && Object.hasOwn(table, field) ? table[field]! : undefined);
  if (isAuditAction(event.action)) return pick(AUDIT_SUMMARY_ENUMS[event.action] as FieldEnums) ?? null;
  return pick(LEGACY_BY_SUBJECT[event.subjectType]) ?? pick(LEGACY_BY_FIELD) ?? null;
}

type EnumLabels = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * The label of one summary value, or null (shown raw) when its field is not mapped or the
 * mapped enum has no such value (free-text reasons share field names with enum reasons).
 */
export function summaryValueLabel(enums: EnumLabels, event: AuditEventContext, field: string | null, value: string): string | null {
  if (field === null) return null;
  const name = summaryFieldEnum(event, field);
  if (name === null) return null;
  const labels = enums[name];
  return labels && Object.hasOwn(labels, value) ? labels[value]! : null;
}
