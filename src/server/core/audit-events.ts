import type {
  AcceptanceContext,
  AcceptanceKind,
  AcceptanceMethod,
  AgentScope,
  ApplicationKind,
  BlockedKeySource,
  ApplicationStatus,
  ApprovalKind,
  CaRevocationGround,
  CertificateStatus,
  CertificateTestKind,
  DeliveryMethod,
  DocumentKind,
  FeeStatus,
  IdDocumentType,
  KeyGeneration,
  ObjectionResolution,
  OrganisationRole,
  ProblemReportCategory,
  KeyCompromiseProof,
  RegistrationAuthorityStatus,
  RevocationConfirmationMethod,
  RevocationReason,
  RevocationRequestKind,
  Role,
  SupportRequestStatus,
} from "@/generated/prisma/enums";

/**
 * Every audit event the portal writes: its action, the type of its subject and the shape of its
 * summary. `UseCaseScope.audit`, `SystemTaskScope.audit` and `appendAuditEvent` accept only
 * these, so a misspelt action or a summary of the wrong shape fails the type check. The rows
 * already in the chain are hashed as they were written: change a summary's shape here only
 * together with the code that reads old rows (the audit console falls back for unknown actions).
 */

/** An instant written as ISO-8601 (`Date.toISOString()`). */
type Iso = string;
type Empty = Record<string, never>;
type Locale = "zh-CN" | "en";

/** The two value lists the server keeps in code (ra/record-payment, revocation/report-loss); labelled like enums. */
type PaymentMethod = "BANK_TRANSFER" | "CARD" | "CASH" | "ONLINE" | "OTHER";
type ReportChannel = "PORTAL" | "PHONE" | "COUNTER";
/** How a batch revocation chose its certificates (revocation/internal/batch-selection.ts). */
type RevocationBatchSelection =
  | { by: "ISSUER"; issuer: string }
  | { by: "PROFILE"; profileCode: string }
  | { by: "KEY"; spkiSha256: string }
  | { by: "SERIALS"; count: number; unknown: number; sha256: string };

type StatusChange = { from: ApplicationStatus; to: ApplicationStatus };
/** What every dual-control event carries: which action, and the SHA-256 of exactly what was agreed. */
type ApprovalStep = { kind: ApprovalKind; payloadSha256: string; requestedById: string };
type Declarations = { truthfulCompleteLawful: boolean; copiesMatchOriginals: boolean; consentToElectronicSignatureUse: boolean; consentToCertificateQuery: boolean };
type Delivered = { testWindowDeadline: Iso; lastWorkingDay: Iso; provisional: boolean };
type RetentionPolicyValue = { certificateYearsAfterExpiry: number; signInAttemptDays: number };
type AgentAuthorisationEnded = { agentUserId: string; reason: string; by: "RA_OFFICER" | "ADMIN" };
type SupportMessage = { messageId: string; status: SupportRequestStatus; bodyLength: number };
type MemberChange = { userId: string; role: OrganisationRole };
type Objected = { certificateId: string; late: boolean; testResultId: string | null; deadline: Iso | null };
type Downloaded = { testWindowDeadline?: Iso; lastWorkingDay?: Iso; provisional?: boolean; agreementAcceptanceId: string; agreementVersion: number; pkcs12Delivered: boolean };
type SlaAlerted = { dueAt: Iso; officerIds: string[] };
type ReasonedStatusChange = StatusChange & { reason: string };
/** What every event of the operator CLI (scripts/ca-cli.ts, actor role OPERATOR_CLI) carries. */
export type OperatorSummary = { operator: { osUser: string; host: string }; via: "npm run ca" };
type OperatorRevoked = OperatorSummary & {
  serialHex: string;
  issuer: string;
  reason: RevocationReason;
  revocationId: string;
  invalidityDate: Iso | null;
  settledRequestIds: string[];
};

/** action -> [subject type, summary]. */
export interface AuditEvents {
  // account
  "account.sign-up": ["User", { locale: Locale; roles: Role[] }];
  /** With a second factor when the account has one (method; recoveryCodesLeft after a recovery code was used up). */
  "account.sign-in": ["User", { secondFactor?: "totp" | "recovery-code" | "passkey"; recoveryCodesLeft?: number }];
  "account.sign-in-failed": ["User", { reason: "unknown-account" | "wrong-password" | "disabled"; emailKey: string }];
  "account.sign-in-refused": ["User", { reason: "rate-limited"; limit: "address-on-account" | "ip" | "account"; emailKey: string; retryAt: string } | { reason: "email-not-verified" }];
  "account.email-verified": ["User", { repeat?: true }];
  "account.verification-resent": ["User", { sent: boolean; reason?: "throttled" }];
  "account.password-reset-requested": ["User", { sent: true } | { sent: false; reason: "disabled" | "unknown-account" | "throttled" }];
  /** signInLockLifted: the reset proved control of the mailbox, so the account's failed sign-ins (and any delay they caused) were cleared. */
  "account.password-reset": ["User", { alsoVerifiedEmail: boolean; signInLockLifted: boolean }];
  /** Sign-up with an address that has an account: the same answer as a new sign-up; mailed says whether the owner was told (at most once an hour). */
  "account.sign-up-existing-address": ["User", { mailed: boolean; reason?: "disabled" | "throttled" }];
  "account.locale-changed": ["User", { from: string; to: Locale }];
  "system.demo-accounts": ["AppSetting", { created: boolean; roles: Role[][] }];

  // second factor (src/server/second-factor); secrets and codes are never part of a summary
  "second-factor.requested": ["User", { enrolled: { totp: boolean; passkeys: number } }];
  "second-factor.code-failed": [
    "User",
    { method: "totp" | "recovery-code" | "passkey"; during: "sign-in" | "enrolment"; reason: "wrong" | "replayed" | "malformed" | "challenge" | "unknown-credential" },
  ];
  "second-factor.totp-enrolment-started": ["User", Empty];
  "second-factor.totp-enrolled": ["User", { recoveryCodesIssued: number }];
  "second-factor.passkey-registered": ["User", { passkeyId: string; userVerified: boolean; recoveryCodesIssued: number }];
  "second-factor.removed": ["User", { kind: "totp" | "passkey"; passkeyId: string | null; recoveryCodesCleared: number }];
  "second-factor.recovery-codes-issued": ["User", { count: number }];
  /** A session without the second factor tried to change an enrolled account's factors (auth/second-factor-rule.ts). */
  "second-factor.change-refused": ["User", { change: "totp-start" | "totp-confirm" | "passkey-add" | "recovery-codes" | "remove"; reason: "second-factor-session-required" }];
  /** By a CA administrator (the actor), on another staff member's account (the subject). */
  "second-factor.reset": ["User", { totp: boolean; passkeys: number; recoveryCodes: number }];

  // agreement
  "agreement.default-version-seeded": ["AgreementVersion", { version: number; contentHash: string }];
  "agreement.version-published": ["AgreementVersion", { version: number; contentHash: string; effectiveAt: Iso }];
  "agreement.accepted": ["AgreementAcceptance", { version: number; contentHash: string; context: AcceptanceContext; method: AcceptanceMethod; locale: Locale; supersedes: string | null }];
  "agreement.paper-acceptance-recorded": ["AgreementAcceptance", { subscriberId: string; version: number; method: AcceptanceMethod; context: AcceptanceContext; signedAt: Iso }];

  // application
  "application.created": ["Application", { kind: ApplicationKind; profileCode: string; registrationAuthorityId: string; replacesCertificateId: string | null; agentAuthorisationId: string | null }];
  "application.details-updated": ["Application", { changedFields: string[] }];
  /** The apply wizard moved on a draft (issue 15): where it is, how many declarations are ticked. */
  "application.draft-progress-saved": ["Application", { step: string; declarations: number; feeAcknowledged: boolean }];
  "application.key-generation-chosen": ["Application", { from: KeyGeneration; to: KeyGeneration; csrDropped: boolean }];
  "application.csr-attached": ["Application", { keyType: "rsa" | "ec" | "sm2"; spkiSha256: string; csrSha256: string }];
  "application.document-attached": ["Application", { documentId: string; kind: DocumentKind; type: string; size: number; sha256: string }];
  "application.document-removed": ["Application", { documentId: string; kind: DocumentKind; sha256: string; withdrawn?: boolean }];
  "application.submitted": ["Application", StatusChange & { declarations: Declarations; agreementVersion: number; agreementAcceptanceId: string; feeCents: number; feeStatus: FeeStatus }];
  "application.resubmitted": ["Application", StatusChange & { declarations: Declarations; agreementVersion: number; infoRequestId: string; answerSha256: string }];
  "application.cancelled": ["Application", StatusChange & { by: "RA_OFFICER" | "APPLICANT"; reason: string | null }];
  "application.approved": ["Application", StatusChange & { note: string | null; feeStatus: FeeStatus; registrationAuthorityId: string | null }];
  "application.rejected": ["Application", ReasonedStatusChange];
  "application.info-requested": ["Application", ReasonedStatusChange & { infoRequestId: string }];
  "application.payment-recorded": ["Application", { amountCents: number; method: PaymentMethod; reference: string; feeCents: number }];
  "subscriber.identity-recorded": ["SubscriberIdentity", { idDocumentType: IdDocumentType; organisationId: string | null }];
  "profile.defaults-seeded": ["CertificateProfile", { codes: string[]; fees: Record<string, number> }];
  "profile.commercials-changed": ["CertificateProfile", { code: string; from: { feeCents: number; active: boolean }; to: { feeCents: number; active: boolean } }];

  // certificate
  /** A key on the blocked list offered again at one of issuance's doors: refused with KEY_BLOCKED, nothing else written. */
  "certificate.blocked-key-refused": [
    "Application" | "Certificate",
    { door: "CSR" | "REKEY" | "ISSUANCE"; spkiSha256: string; applicationId: string | null; certificateId: string | null },
  ];
  "certificate.issued": [
    "Certificate",
    { applicationId: string; issuer: string; serialHex: string; profile: string; keyGeneration: KeyGeneration; keyAlgorithm?: string; notBefore: Iso; notAfter: Iso; spkiSha256: string },
  ];
  "certificate.mailed": ["Certificate", { trackingNo: string; dispatchedAt: Iso }];
  "certificate.received-by-mail": ["Certificate", Delivered & { trackingNo: string | null; signedForAt: Iso }];
  "certificate.received-by-hand-over": ["Certificate", Delivered & { method: DeliveryMethod; receiptAt: Iso; collectedBy: string }];
  "certificate.received-by-download": ["Certificate", Downloaded];
  "certificate.downloaded": ["Certificate", Downloaded];
  "certificate.test-recorded": ["Certificate", { testResultId: string; kind: CertificateTestKind; passed: boolean; serverCheck: string | null }];
  "certificate.accepted": ["Certificate", { kind: AcceptanceKind; deadline: Iso | null; provisional: boolean; supersededCertificateId: string | null; supersededRevoked: boolean }];
  "certificate.deemed-accepted": ["Certificate", { acceptedAt: Iso; receiptAt: Iso | null; deadline: Iso | null; supersededCertificateId: string | null }];
  /** Issue 15: the subscriber was reminded on the test window's last day (lastWorkingDay a Shanghai date). */
  "certificate.test-window-reminded": ["Certificate", { deadline: Iso; lastWorkingDay: string; provisional: boolean }];
  "certificate.superseded": ["Certificate", { supersededBy: string; reason: RevocationReason; resolvedUpdateTargets: number }];
  "certificate.objection-raised": ["Objection", Objected];
  "certificate.late-objection-recorded": ["Objection", Objected];
  "certificate.objection-resolved": [
    "Objection",
    { certificateId: string; resolution: ObjectionResolution; late: boolean; revocationReason: RevocationReason | null; changeApplicationExpected: boolean },
  ];
  "renewal.requested": [
    "Application",
    {
      kind: ApplicationKind;
      replacesCertificateId: string;
      serialHex: string;
      notAfter: Iso;
      agentAuthorisationId: string | null;
      agreementVersion: number;
      agreementAcceptanceId: string;
      keyGeneration: KeyGeneration;
      csr: boolean;
      /** The renewal window's end when judged; null when an open update notice ordered the replacement. */
      windowClosesAt?: Iso | null;
      updateOrdered?: boolean;
      /** A CHANGE: the objection whose CHANGE resolution called for it; null when the subscriber's details changed (clause 1.1). */
      changeOrderedByObjectionId?: string | null;
      /** A CHANGE: how many documents of the replaced application were copied onto it. */
      documentsCarriedOver?: number;
    },
  ];
  "renewal.expiry-reminded": ["Certificate", { days: number; notAfter: Iso; recipientIds: string[] }];
  "update-notice.ordered": [
    "UpdateNotice",
    {
      selection: { profileCodes?: string[]; issuingCaIds?: string[]; keyAlgorithms?: string[]; expiresFrom?: Date; expiresTo?: Date };
      reason: string;
      deadline: Iso;
      targets: number;
      recipients: number;
      /** What happens at the deadline (absent in notices ordered before it was asked). */
      consequence?: "REVOKE" | "NO_ACTION";
    },
  ];
  /** The one reminder before an update notice's deadline (job "update-notice.deadlines"). */
  "update-notice.reminded": ["UpdateNotice", { deadline: Iso; consequence: "REVOKE" | "NO_ACTION"; openCertificateIds: string[]; recipientIds: string[] }];
  /** A certificate not updated by the deadline of a notice whose consequence is REVOKE, revoked by the job. */
  "update-notice.revoked-at-deadline": [
    "Certificate",
    { noticeId: string; requestId: string; revocationId: string; serialHex: string; deadline: Iso; ground: CaRevocationGround; clauseItem: number; reason: RevocationReason; wasSuspended: boolean; notifiedUserIds: string[] },
  ];

  // documents
  "document.read": [
    "Document",
    | { via: "OWNER" | "ORGANISATION_ADMIN" | "AGENT" | "RA_OFFICER"; kind: DocumentKind; ownerUserId: string; applicationId: string | null; sha256: string }
    | { via: "CERTIFICATE_HOLDER_SEAL_TEST"; kind: DocumentKind; certificateId: string; sha256: string },
  ];
  "document.seal-image-looked-up": ["Certificate", { found: false }];

  // revocation
  "revocation.requested": [
    "RevocationRequest",
    { certificateId: string; serialHex: string; reason: RevocationReason; compliant: boolean; confirmationMethod: RevocationConfirmationMethod | null; dueAt: Iso | null },
  ];
  "revocation.request-confirmed": ["RevocationRequest", { certificateId: string; compliantAt: Iso; dueAt: Iso; identityCheck: string }];
  "revocation.request-rejected": ["RevocationRequest", { certificateId: string; kind: RevocationRequestKind; reason: string }];
  "revocation.hold-release-requested": ["RevocationRequest", { certificateId: string; serialHex: string; keyFoundHowSha256: string; keyNotSharedDeclared: true }];
  // A key proof that failed (challenge not ours, expired or for another request; signature not by the certificate's key): evidence of an attempt.
  "revocation.key-proof-refused": ["Certificate", { serialHex: string; reason: RevocationReason; refusal: "REVOCATION_CHALLENGE_INVALID" | "REVOCATION_SIGNATURE_INVALID" }];
  "revocation.hold-released": ["Certificate", { requestId: string; serialHex: string; heldSince: Iso; status: CertificateStatus; identityCheck: string }];
  "revocation.loss-reported": [
    "Certificate",
    { requestId: string; serialHex: string; holdAt: Iso; previousStatus: CertificateStatus; channel: ReportChannel; recordedByOfficer: boolean },
  ];
  "revocation.revoked": [
    "Certificate",
    {
      requestId: string;
      revocationId: string;
      serialHex: string;
      reason: RevocationReason;
      revokedAt: Iso;
      invalidityDate: Iso | null;
      wasSuspended: boolean;
      alreadyRevoked: boolean;
      dueAt: Iso | null;
      sla: "met" | "missed" | null;
      settledRequestIds: string[];
      /** keyCompromise: the other certificates on the key revoked with it (each has its own event). */
      cascadedCertificateIds?: string[];
    },
  ];
  "revocation.carry-out-repeated": ["RevocationRequest", { certificateId: string; revocationId: string | null }];
  "revocation.revoked-by-ca": [
    "Certificate",
    {
      requestId: string;
      revocationId: string;
      serialHex: string;
      ground: CaRevocationGround;
      clauseItem: number;
      reason: RevocationReason;
      explanation: string;
      wasSuspended: boolean;
      invalidityDate: Iso | null;
      notifiedUserIds: string[];
      settledRequestIds: string[];
      /** keyCompromise: the other certificates on the key revoked with it (each has its own event). */
      cascadedCertificateIds?: string[];
      /** The batch revocation (issue 14 item 6) this certificate was revoked in. */
      batchId?: string;
    },
  ];
  "revocation.ca-revoke-repeated": ["Certificate", { ground: CaRevocationGround; revocationId: string }];
  "revocation.sla-due-soon-alerted": ["RevocationRequest", SlaAlerted];
  "revocation.sla-overdue-alerted": ["RevocationRequest", SlaAlerted];

  // problem reports (src/server/problem-report): the reporter's e-mail and name are personal data, never in a summary
  "problem-report.received": ["ProblemReport", { reference: string; certificateId: string; serialHex: string; category: ProblemReportCategory; keyProof: KeyCompromiseProof | null; preliminaryDueAt: Iso; descriptionSha256: string }];
  /** A key proof that failed: evidence of an attempt; no report was stored, the private key never is. */
  "problem-report.key-proof-refused": ["Certificate", { serialHex: string; method: KeyCompromiseProof; refusal: "PROBLEM_REPORT_SIGNATURE_INVALID" | "PROBLEM_REPORT_KEY_MISMATCH" | "PROBLEM_REPORT_PRIVATE_KEY_UNREADABLE" | "PROBLEM_REPORT_NONCE_INVALID" | "PROBLEM_REPORT_NONCE_USED" }];
  "problem-report.preliminary-sent": ["ProblemReport", { reference: string; dueAt: Iso; clock: "met" | "missed"; reportSha256: string; notifiedUserIds: string[] }];
  "problem-report.revoked": ["ProblemReport", { reference: string; certificateId: string; serialHex: string; ground: CaRevocationGround; clauseItem: number; reason: RevocationReason; revocationRequestId: string; revocationId: string; alreadyRevoked: boolean; notifiedUserIds: string[] }];
  "problem-report.no-action": ["ProblemReport", { reference: string; certificateId: string; reasonSha256: string; notifiedUserIds: string[] }];
  "problem-report.preliminary-due-soon-alerted": ["ProblemReport", SlaAlerted];
  "problem-report.preliminary-overdue-alerted": ["ProblemReport", SlaAlerted];
  // key-compromise cascade and batch revocation (issue 14 items 4, 6)
  /** Another certificate on a key shown compromised, revoked in the transaction of the trigger's revocation. */
  "revocation.key-compromise-cascaded": [
    "Certificate",
    {
      revocationId: string;
      serialHex: string;
      reason: "KEY_COMPROMISE";
      triggerCertificateId: string;
      triggerSerialHex: string;
      spkiSha256: string;
      source: BlockedKeySource;
      batchId: string | null;
      invalidityDate: Iso | null;
      notifiedUserIds: string[];
    },
  ];
  "revocation.key-blocked": ["BlockedKey", { source: BlockedKeySource; sourceCertificateId: string; sourceSerialHex: string; batchId: string | null }];
  /** An approved batch revocation (dual control) resolved into its items; the job revokes the pending ones. */
  "revocation.batch-started": [
    "RevocationBatch",
    {
      approvalId: string | null;
      selection: RevocationBatchSelection;
      total: number;
      expectedTotal: number;
      pending: number;
      skipped: number;
      failed: number;
      ground: CaRevocationGround;
      clauseItem: number;
      reason: RevocationReason;
      explanation: string;
      asOf: Iso;
    },
  ];
  /** One chunk of a batch carried out: each certificate revoked has its own revocation.revoked-by-ca event (batchId) before this one. */
  "revocation.batch-progressed": [
    "RevocationBatch",
    { revoked: number; skipped: number; failed: number; cascaded: number; failures: { serialHex: string; failure: string }[]; done: number; total: number },
  ];
  "revocation.batch-finished": ["RevocationBatch", { total: number; done: number; skipped: number; failed: number; crlShards: string[]; ocspResigned: number; published: boolean }];

  // organisation
  "organisation.registered": ["Organisation", { name: string; unifiedSocialCreditCode: string }];
  "organisation.member-added": ["OrganisationMember", MemberChange];
  "organisation.member-removed": ["OrganisationMember", MemberChange];
  "organisation.agent-authorised": [
    "AgentAuthorisation",
    {
      agentUserId: string;
      scope: AgentScope[];
      validFrom: Iso;
      validUntil: Iso;
      letter: { documentId: string; sha256: string; type: string; size: number };
      grantedAs: "RA_OFFICER" | "ADMIN" | "CA_ADMIN";
    },
  ];
  "organisation.agent-authorisation-verified": ["AgentAuthorisation", { letterDocumentId: string | null }];
  "organisation.agent-authorisation-revoked": ["AgentAuthorisation", AgentAuthorisationEnded];
  "organisation.agent-letter-rejected": ["AgentAuthorisation", AgentAuthorisationEnded];

  // separation of duties (auth/party-to-case.ts, auth/staff-standing.ts): a refused staff decision is evidence
  "authority.staff-decision-refused": [
    "Application" | "Certificate" | "RevocationRequest" | "Objection" | "Organisation" | "AgentAuthorisation" | "User",
    {
      /** The use case refused (its name). */
      decision: string;
      reason: "CONFLICT_OF_INTEREST" | "REVIEW_NOT_ALLOWED" | "STAFF_ACCOUNT_ADMIN_ONLY";
      /** How the actor is party to the case (CONFLICT_OF_INTEREST only). */
      relation: "SELF" | "ORGANISATION_MEMBER" | "ORGANISATION_AGENT" | null;
      /** The staff account an organisation tried to take on (STAFF_ACCOUNT_ADMIN_ONLY only). */
      targetUserId?: string;
    },
  ];

  // registration authorities
  "ra.default-seeded": ["RegistrationAuthority", { name: string }];
  "ra.created": ["RegistrationAuthority", { name: string }];
  "ra.retired": [
    "RegistrationAuthority",
    {
      name: string;
      status: RegistrationAuthorityStatus;
      successorId: string;
      successorName: string;
      movedApplicationIds: string[];
      movedCount: number;
      predecessorsRepointed: number;
    },
  ];

  // support
  "support.opened": ["SupportRequest", { certificateId: string | null; bodyLength: number }];
  "support.replied": ["SupportRequest", SupportMessage];
  "support.answered": ["SupportRequest", SupportMessage];
  "support.internal-note": ["SupportRequest", SupportMessage];
  "support.closed": ["SupportRequest", { by: "requester" | "staff" }];
  // support desk: who handles a request, and the requester's answer to a closed one reopening it
  "support.assigned": ["SupportRequest", { assigneeId: string; previousAssigneeId: string | null; by: "self" | "other" }];
  "support.reopened": ["SupportRequest", { messageId: string; bodyLength: number }];

  // privacy
  "privacy.exported": ["PrivacyRequest", { certificates: number; applications: number; auditEvents: number }];
  "privacy.deletion-requested": [
    "PrivacyRequest",
    { documentsErased: number; supportMessagesErased: number; certificatesKept: number; keepUntil: Iso | null; contactKeptUntil: Iso | null },
  ];
  "privacy.contact-erased": ["PrivacyRequest", { userId: string }];
  "privacy.retention-ended": [
    "PrivacyRequest",
    {
      userId: string;
      keepUntil: Iso | null;
      documents: number;
      identities: number;
      applications: number;
      certificates: number;
      acceptances: number;
      revocationRequests: number;
      objections: number;
    },
  ];
  "privacy.retention-policy-set": ["AppSetting", { from: RetentionPolicyValue; to: RetentionPolicyValue }];
  "privacy.processor-registered": ["Processor", { name: string; purpose: string; dataCategories: string[] }];
  "privacy.processor-updated": ["Processor", { changes: Record<string, { from: unknown; to: unknown }> }];
  "privacy.disclosure-recorded": ["Disclosure", { processorId: string; subjectUserId: string | null; at: Iso }];
  "privacy.cessation-entered": ["AppSetting", { since: Iso; successor: string | null; notified: number }];
  "privacy.cessation-left": ["AppSetting", { since: Iso | null; reason: string }];
  "privacy.successor-export": ["AppSetting", { files: { name: string; sha256: string; lines: number }[]; manifestSha256: string }];

  // dual control (src/server/approval): every step names the request's kind and its payload hash
  "approval.requested": ["ApprovalRequest", ApprovalStep & { requiredApprovals: number; expiresAt: Iso; summary: unknown }];
  "approval.approved": ["ApprovalRequest", ApprovalStep & { approvals: number; requiredApprovals: number; comment: string | null; complete: boolean }];
  "approval.rejected": ["ApprovalRequest", ApprovalStep & { comment: string | null }];
  "approval.expired": ["ApprovalRequest", ApprovalStep & { expiresAt: Iso }];
  "approval.executed": ["ApprovalRequest", ApprovalStep & { approverIds: string[]; result: unknown }];
  "approval.failed": ["ApprovalRequest", ApprovalStep & { approverIds: string[]; failure: string }];
  /** An administrator's decision refused by the rule (their own request, decided twice, closed, expired): evidence of the attempt. */
  "approval.decision-refused": ["ApprovalRequest", ApprovalStep & { decision: "APPROVE" | "REJECT"; refusal: string }];

  // CA, calendar, audit log
  "ca.hierarchy-created": ["IssuingCa", { entities: string[]; baseUrl: string; custody: "file" | "pkcs11" }];
  "ca.crl-published-now": ["CrlShard", { shards: { ca: string; shard: number; crlNumber: number; nextUpdate: Iso }[] }];
  "calendar.seeded": ["CalendarYear", { source: string; years: number[] }];
  "calendar.year-imported": [
    "CalendarYear",
    {
      year: number;
      notice: string;
      replaced: { confirmed: boolean; source: string } | null;
      holidays: readonly string[];
      makeupWorkdays: readonly string[];
      recomputedDeadlines: { id: string; from: Iso | null; to: Iso; provisional: boolean }[];
    },
  ];
  "audit.evidence-exported": ["AuditEvent", { filter: unknown; count: number; firstSeq: number | null; lastSeq: number | null }];

  // the operator CLI
  "ca.operator-init": ["IssuingCa", OperatorSummary & { created: boolean; baseUrl: string; entities: string[] }];
  "certificate.issued-by-operator": [
    "Certificate",
    OperatorSummary & {
      issuer: string;
      serialHex: string;
      profile: string;
      subscriberUserId: string | null;
      keyGeneration: KeyGeneration;
      notBefore: Iso;
      notAfter: Iso;
      spkiSha256: string;
      usageScope: { kind: string; name?: string };
    },
  ];
  "revocation.revoked-by-operator": ["Certificate", OperatorRevoked];
  "revocation.operator-revoke-repeated": ["Certificate", OperatorRevoked];
  "crl.published-by-operator": ["CrlShard", OperatorSummary & { shards: string[]; all?: boolean }];

  // key-management component (GM/T 0034 dual certificates, issue 17)
  /** The KMC made the encryption key pair of a dual pair and it was certified (the ENCRYPTION certificate is the subject). */
  "kmc.key-generated": ["Certificate", { signingCertificateId: string; algorithm: "SM2"; spkiSha256: string }];
  /** The encryption private key was escrowed, sealed with the document key ring (sealKeyId), for judicial recovery. */
  "kmc.key-escrowed": ["EscrowedKey", { certificateId: string; sealKeyId: string; spkiSha256: string }];
  /** The subscriber fetched the SM2EnvelopedKey (enveloped to the signing key); first tells the first delivery from a repeat. */
  "kmc.envelope-delivered": ["Certificate", { escrowedKeyId: string; first: boolean }];
  /** Judicial recovery under dual control: the escrowed key left enveloped to the recipient key (its SPKI's SHA-256); never in clear. */
  "kmc.key-recovered": ["Certificate", { escrowedKeyId: string; approvalId: string; legalBasis: string; recipientKeySha256: string }];
  /** The requester downloaded the recovered key's envelope from the approval page. */
  "kmc.recovered-envelope-downloaded": ["ApprovalRequest", { certificateId: string; recipientKeySha256: string }];
}

export type AuditAction = keyof AuditEvents;
export type AuditSubjectType<A extends AuditAction> = AuditEvents[A][0];
export type AuditSummary<A extends AuditAction> = AuditEvents[A][1];

/** Who the event is recorded for, when not the context's actor. */
interface AuditActorOverride {
  /** Overrides the context's actor, e.g. for sign-in where the actor is found inside the use case. */
  actorId?: string | null;
  actorRoles?: readonly string[];
  onBehalfOfId?: string | null;
}

/**
 * What a use case or system task says about the change it made; the writer adds sequence, time
 * and hashes. One member per action, so `action` picks the subject type and summary shape.
 */
export type AuditInput = {
  [A in AuditAction]: AuditActorOverride & {
    action: A;
    subjectType: AuditSubjectType<A>;
    subjectId?: string | null;
    /** What changed, in plain JSON. Never passwords, tokens, keys or document bytes. */
    summary: AuditSummary<A>;
  };
}[AuditAction];

// ---------------------------------------------------------------------------------------------
// Which enum a summary field holds, for the audit console's labels.

/** The value lists labelled under `enums` in messages/areas/labels.*.json that summaries hold. */
interface LabelledEnums {
  AcceptanceContext: AcceptanceContext;
  AcceptanceKind: AcceptanceKind;
  AcceptanceMethod: AcceptanceMethod;
  AgentScope: AgentScope;
  ApplicationKind: ApplicationKind;
  ApprovalKind: ApprovalKind;
  ApplicationStatus: ApplicationStatus;
  CaRevocationGround: CaRevocationGround;
  CertificateStatus: CertificateStatus;
  CertificateTestKind: CertificateTestKind;
  DeliveryMethod: DeliveryMethod;
  DocumentKind: DocumentKind;
  FeeStatus: FeeStatus;
  IdDocumentType: IdDocumentType;
  KeyGeneration: KeyGeneration;
  ObjectionResolution: ObjectionResolution;
  OrganisationRole: OrganisationRole;
  PaymentMethod: PaymentMethod;
  RegistrationAuthorityStatus: RegistrationAuthorityStatus;
  ReportChannel: ReportChannel;
  RevocationConfirmationMethod: RevocationConfirmationMethod;
  RevocationReason: RevocationReason;
  RevocationRequestKind: RevocationRequestKind;
  Role: Role;
  SupportRequestStatus: SupportRequestStatus;
}
export type LabelledEnumName = keyof LabelledEnums;

type Element<T> = T extends readonly (infer E)[] ? Element<E> : T;
/** The values a summary field can hold (of any member of a summary union; array items for arrays). */
type FieldValues<S, F extends PropertyKey> = S extends unknown ? (F extends keyof S ? NonNullable<Element<S[F]>> : never) : never;
type SummaryFields<S> = S extends unknown ? keyof S & string : never;
/** The enums whose every value a field's values are: naming any other enum fails the type check. */
type EnumsHolding<V> = { [N in LabelledEnumName]: [V] extends [LabelledEnums[N]] ? N : never }[LabelledEnumName];

export type SummaryEnumFields<A extends AuditAction> = {
  readonly [F in SummaryFields<AuditSummary<A>>]?: EnumsHolding<FieldValues<AuditSummary<A>, F>>;
};

/**
 * For each action, the summary fields that hold an enum value, and which enum. A field can only be
 * named if the action's summary has it, and only with an enum its type is drawn from. Fields not
 * named are shown as written (free-text reasons, ids, codes with no labels).
 */
export const AUDIT_SUMMARY_ENUMS: { readonly [A in AuditAction]: SummaryEnumFields<A> } = {
  "account.sign-up": { roles: "Role" },
  "account.sign-in": {},
  "account.sign-up-existing-address": {},
  "account.sign-in-failed": {},
  "account.sign-in-refused": {},
  "account.email-verified": {},
  "account.verification-resent": {},
  "account.password-reset-requested": {},
  "account.password-reset": {},
  "account.locale-changed": {},
  "system.demo-accounts": { roles: "Role" },
  "second-factor.requested": {},
  "second-factor.code-failed": {},
  "second-factor.totp-enrolment-started": {},
  "second-factor.totp-enrolled": {},
  "second-factor.passkey-registered": {},
  "second-factor.removed": {},
  "second-factor.recovery-codes-issued": {},
  "second-factor.change-refused": {},
  "second-factor.reset": {},

  "agreement.default-version-seeded": {},
  "agreement.version-published": {},
  "agreement.accepted": { context: "AcceptanceContext", method: "AcceptanceMethod" },
  "agreement.paper-acceptance-recorded": { context: "AcceptanceContext", method: "AcceptanceMethod" },

  "application.created": { kind: "ApplicationKind" },
  "application.details-updated": {},
  "application.draft-progress-saved": {},
  "application.key-generation-chosen": { from: "KeyGeneration", to: "KeyGeneration" },
  "application.csr-attached": {},
  "application.document-attached": { kind: "DocumentKind" },
  "application.document-removed": { kind: "DocumentKind" },
  "application.submitted": { from: "ApplicationStatus", to: "ApplicationStatus", feeStatus: "FeeStatus" },
  "application.resubmitted": { from: "ApplicationStatus", to: "ApplicationStatus" },
  "application.cancelled": { from: "ApplicationStatus", to: "ApplicationStatus" },
  "application.approved": { from: "ApplicationStatus", to: "ApplicationStatus", feeStatus: "FeeStatus" },
  "application.rejected": { from: "ApplicationStatus", to: "ApplicationStatus" },
  "application.info-requested": { from: "ApplicationStatus", to: "ApplicationStatus" },
  "application.payment-recorded": { method: "PaymentMethod" },
  "subscriber.identity-recorded": { idDocumentType: "IdDocumentType" },
  "profile.defaults-seeded": {},
  "profile.commercials-changed": {},

  "certificate.blocked-key-refused": {},
  "certificate.issued": { keyGeneration: "KeyGeneration" },
  "certificate.mailed": {},
  "certificate.received-by-mail": {},
  "certificate.received-by-hand-over": { method: "DeliveryMethod" },
  "certificate.received-by-download": {},
  "certificate.downloaded": {},
  "certificate.test-recorded": { kind: "CertificateTestKind" },
  "certificate.accepted": { kind: "AcceptanceKind" },
  "certificate.deemed-accepted": {},
  "certificate.test-window-reminded": {},
  "certificate.superseded": { reason: "RevocationReason" },
  "certificate.objection-raised": {},
  "certificate.late-objection-recorded": {},
  "certificate.objection-resolved": { resolution: "ObjectionResolution", revocationReason: "RevocationReason" },
  "renewal.requested": { kind: "ApplicationKind", keyGeneration: "KeyGeneration" },
  "renewal.expiry-reminded": {},
  "update-notice.ordered": {},
  "update-notice.reminded": {},
  "update-notice.revoked-at-deadline": { ground: "CaRevocationGround", reason: "RevocationReason" },

  "document.read": { kind: "DocumentKind" },
  "document.seal-image-looked-up": {},

  "revocation.requested": { reason: "RevocationReason", confirmationMethod: "RevocationConfirmationMethod" },
  "revocation.request-confirmed": {},
  "revocation.request-rejected": { kind: "RevocationRequestKind" },
  "revocation.hold-release-requested": {},
  "revocation.key-proof-refused": { reason: "RevocationReason" },
  "revocation.hold-released": { status: "CertificateStatus" },
  "revocation.loss-reported": { previousStatus: "CertificateStatus", channel: "ReportChannel" },
  "revocation.revoked": { reason: "RevocationReason" },
  "revocation.carry-out-repeated": {},
  "revocation.revoked-by-ca": { ground: "CaRevocationGround", reason: "RevocationReason" },
  "revocation.ca-revoke-repeated": { ground: "CaRevocationGround" },
  "revocation.sla-due-soon-alerted": {},
  "revocation.sla-overdue-alerted": {},

  "problem-report.received": {},
  "problem-report.key-proof-refused": {},
  "problem-report.preliminary-sent": {},
  "problem-report.revoked": { ground: "CaRevocationGround", reason: "RevocationReason" },
  "problem-report.no-action": {},
  "problem-report.preliminary-due-soon-alerted": {},
  "problem-report.preliminary-overdue-alerted": {},
  "revocation.key-compromise-cascaded": {},
  "revocation.key-blocked": {},
  "revocation.batch-started": { ground: "CaRevocationGround", reason: "RevocationReason" },
  "revocation.batch-progressed": {},
  "revocation.batch-finished": {},

  "organisation.registered": {},
  "organisation.member-added": { role: "OrganisationRole" },
  "organisation.member-removed": { role: "OrganisationRole" },
  "organisation.agent-authorised": { scope: "AgentScope" },
  "organisation.agent-authorisation-verified": {},
  "organisation.agent-authorisation-revoked": {},
  "organisation.agent-letter-rejected": {},
  "authority.staff-decision-refused": {},

  "ra.default-seeded": {},
  "ra.created": {},
  "ra.retired": { status: "RegistrationAuthorityStatus" },

  "support.opened": {},
  "support.replied": { status: "SupportRequestStatus" },
  "support.answered": { status: "SupportRequestStatus" },
  "support.internal-note": { status: "SupportRequestStatus" },
  "support.closed": {},
  "support.assigned": {},
  "support.reopened": {},

  "privacy.exported": {},
  "privacy.deletion-requested": {},
  "privacy.contact-erased": {},
  "privacy.retention-ended": {},
  "privacy.retention-policy-set": {},
  "privacy.processor-registered": {},
  "privacy.processor-updated": {},
  "privacy.disclosure-recorded": {},
  "privacy.cessation-entered": {},
  "privacy.cessation-left": {},
  "privacy.successor-export": {},

  "approval.requested": { kind: "ApprovalKind" },
  "approval.approved": { kind: "ApprovalKind" },
  "approval.rejected": { kind: "ApprovalKind" },
  "approval.expired": { kind: "ApprovalKind" },
  "approval.executed": { kind: "ApprovalKind" },
  "approval.failed": { kind: "ApprovalKind" },
  "approval.decision-refused": { kind: "ApprovalKind" },

  "ca.hierarchy-created": {},
  "ca.crl-published-now": {},
  "calendar.seeded": {},
  "calendar.year-imported": {},
  "audit.evidence-exported": {},

  "ca.operator-init": {},
  "certificate.issued-by-operator": { keyGeneration: "KeyGeneration" },
  "revocation.revoked-by-operator": { reason: "RevocationReason" },
  "revocation.operator-revoke-repeated": { reason: "RevocationReason" },
  "crl.published-by-operator": {},

  "kmc.key-generated": {},
  "kmc.key-escrowed": {},
  "kmc.envelope-delivered": {},
  "kmc.key-recovered": {},
  "kmc.recovered-envelope-downloaded": {},
};

export function isAuditAction(action: string): action is AuditAction {
  return Object.hasOwn(AUDIT_SUMMARY_ENUMS, action);
}
