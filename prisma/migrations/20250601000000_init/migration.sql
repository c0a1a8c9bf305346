-- CreateEnum
CREATE TYPE "Role" AS ENUM ('SUBSCRIBER', 'AGENT', 'RA_OFFICER', 'CA_ADMIN', 'AUDITOR');

-- CreateEnum
CREATE TYPE "EmailTokenPurpose" AS ENUM ('VERIFY_EMAIL', 'RESET_PASSWORD');

-- CreateEnum
CREATE TYPE "NotificationStatus" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "OrganisationRole" AS ENUM ('ADMIN', 'MEMBER');

-- CreateEnum
CREATE TYPE "AgentScope" AS ENUM ('APPLY', 'RENEW', 'REKEY', 'UPDATE', 'CHANGE', 'REVOKE', 'DOWNLOAD', 'TEST');

-- CreateEnum
CREATE TYPE "RegistrationAuthorityStatus" AS ENUM ('ACTIVE', 'MERGED', 'CLOSED');

-- CreateEnum
CREATE TYPE "AcceptanceMethod" AS ENUM ('ONLINE_CLICK', 'PAPER_SIGNED', 'PAPER_STAMPED');

-- CreateEnum
CREATE TYPE "AcceptanceContext" AS ENUM ('APPLY', 'RENEW', 'UPDATE', 'DOWNLOAD', 'USE');

-- CreateEnum
CREATE TYPE "IdDocumentType" AS ENUM ('RESIDENT_ID_CARD', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT_ID', 'OTHER');

-- CreateEnum
CREATE TYPE "ApplicationKind" AS ENUM ('NEW', 'RENEW', 'REKEY', 'UPDATE', 'CHANGE');

-- CreateEnum
CREATE TYPE "ApplicationStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'NEEDS_INFO', 'APPROVED', 'REJECTED', 'ISSUED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "SubjectType" AS ENUM ('INDIVIDUAL', 'ORGANISATION');

-- CreateEnum
CREATE TYPE "FeeStatus" AS ENUM ('NOT_REQUIRED', 'UNPAID', 'PAID');

-- CreateEnum
CREATE TYPE "KeyGeneration" AS ENUM ('CLIENT_CSR', 'SERVER_PKCS12');

-- CreateEnum
CREATE TYPE "DocumentKind" AS ENUM ('ID_FRONT', 'ID_BACK', 'BUSINESS_LICENCE', 'AUTHORISATION_LETTER', 'SEAL_IMAGE', 'PAPER_AGREEMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "ProfileKind" AS ENUM ('SIGNATURE', 'ENCRYPTION', 'SEAL', 'TLS_CLIENT');

-- CreateEnum
CREATE TYPE "CaRole" AS ENUM ('ROOT', 'ISSUING', 'OCSP', 'TSA');

-- CreateEnum
CREATE TYPE "CaStatus" AS ENUM ('ACTIVE', 'RETIRED', 'COMPROMISED');

-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('ISSUED', 'ACTIVE', 'SUSPENDED', 'REVOKED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "DeliveryMethod" AS ENUM ('ONLINE', 'IN_PERSON', 'AGENT', 'MAIL');

-- CreateEnum
CREATE TYPE "AcceptanceKind" AS ENUM ('EXPLICIT', 'DEEMED');

-- CreateEnum
CREATE TYPE "RevocationReason" AS ENUM ('UNSPECIFIED', 'KEY_COMPROMISE', 'CA_COMPROMISE', 'AFFILIATION_CHANGED', 'SUPERSEDED', 'CESSATION_OF_OPERATION', 'CERTIFICATE_HOLD', 'REMOVE_FROM_CRL', 'PRIVILEGE_WITHDRAWN', 'AA_COMPROMISE');

-- CreateEnum
CREATE TYPE "CertificateTestKind" AS ENUM ('INFO_LOADING', 'CERTIFICATE', 'SEAL');

-- CreateEnum
CREATE TYPE "ObjectionStatus" AS ENUM ('OPEN', 'RESOLVED');

-- CreateEnum
CREATE TYPE "ObjectionResolution" AS ENUM ('CONSULTATION', 'REVOCATION', 'CHANGE');

-- CreateEnum
CREATE TYPE "RevocationRequestKind" AS ENUM ('LOSS_REPORT', 'REVOCATION', 'HOLD_RELEASE', 'CA_INITIATED');

-- CreateEnum
CREATE TYPE "CaRevocationGround" AS ENUM ('FALSE_APPLICATION_DATA', 'KEY_COMPROMISED', 'USE_OUTSIDE_PURPOSE', 'BREACH_OF_OBLIGATIONS', 'OTHER_HARM_OR_LAW');

-- CreateEnum
CREATE TYPE "RevocationRequestStatus" AS ENUM ('RECEIVED', 'COMPLIANT', 'DONE', 'REJECTED');

-- CreateEnum
CREATE TYPE "RevocationConfirmationMethod" AS ENUM ('OFFICER', 'KEY_SIGNATURE');

-- CreateEnum
CREATE TYPE "SupportRequestStatus" AS ENUM ('OPEN', 'ANSWERED', 'CLOSED');

-- CreateEnum
CREATE TYPE "PrivacyRequestKind" AS ENUM ('EXPORT', 'DELETION');

-- CreateEnum
CREATE TYPE "PrivacyRequestStatus" AS ENUM ('RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REJECTED');

-- CreateEnum
CREATE TYPE "CalendarDayKind" AS ENUM ('HOLIDAY', 'MAKEUP_WORKDAY');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "emailVerifiedAt" TIMESTAMPTZ(3),
    "displayName" TEXT,
    "phone" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "roles" "Role"[],
    "registrationAuthorityId" TEXT,
    "disabledAt" TIMESTAMPTZ(3),
    "anonymisedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EmailToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "EmailTokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SignInAttempt" (
    "id" TEXT NOT NULL,
    "emailKey" TEXT NOT NULL,
    "ip" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "success" BOOLEAN NOT NULL,

    CONSTRAINT "SignInAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" TEXT,
    "actorRoles" TEXT[],
    "onBehalfOfId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT,
    "summary" JSONB NOT NULL,
    "ip" TEXT,
    "userAgent" TEXT,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "toAddress" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "status" "NotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "AppSetting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameEn" TEXT,
    "unifiedSocialCreditCode" TEXT NOT NULL,
    "legalRepresentative" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "anonymisedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrganisationMember" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "OrganisationRole" NOT NULL DEFAULT 'MEMBER',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "removedAt" TIMESTAMPTZ(3),

    CONSTRAINT "OrganisationMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgentAuthorisation" (
    "id" TEXT NOT NULL,
    "agentUserId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "scope" "AgentScope"[],
    "validFrom" TIMESTAMPTZ(3) NOT NULL,
    "validUntil" TIMESTAMPTZ(3) NOT NULL,
    "letterDocumentId" TEXT,
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgentAuthorisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegistrationAuthority" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "RegistrationAuthorityStatus" NOT NULL DEFAULT 'ACTIVE',
    "successorId" TEXT,
    "closedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegistrationAuthority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementVersion" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "publishedAt" TIMESTAMPTZ(3),
    "publishedById" TEXT,
    "contentHash" TEXT NOT NULL,
    "changeSummary" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AgreementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementText" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,

    CONSTRAINT "AgreementText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementAcceptance" (
    "id" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "contentHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "onBehalfOfOrganisationId" TEXT,
    "acceptedAt" TIMESTAMPTZ(3) NOT NULL,
    "method" "AcceptanceMethod" NOT NULL,
    "recordedById" TEXT,
    "context" "AcceptanceContext" NOT NULL,
    "locale" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "supersededAt" TIMESTAMPTZ(3),
    "supersededById" TEXT,

    CONSTRAINT "AgreementAcceptance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubscriberIdentity" (
    "id" TEXT NOT NULL,
    "userId" TEXT,
    "organisationId" TEXT,
    "legalName" TEXT NOT NULL,
    "idDocumentType" "IdDocumentType" NOT NULL,
    "idDocumentNumber" TEXT NOT NULL,
    "verifiedAt" TIMESTAMPTZ(3),
    "verifiedById" TEXT,
    "anonymisedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubscriberIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Application" (
    "id" TEXT NOT NULL,
    "kind" "ApplicationKind" NOT NULL,
    "status" "ApplicationStatus" NOT NULL DEFAULT 'DRAFT',
    "applicantId" TEXT NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "organisationId" TEXT,
    "agentAuthorisationId" TEXT,
    "subscriberIdentityId" TEXT,
    "profileId" TEXT NOT NULL,
    "subjectDetails" JSONB NOT NULL DEFAULT '{}',
    "declarations" JSONB,
    "declaredAt" TIMESTAMPTZ(3),
    "feeCents" INTEGER NOT NULL DEFAULT 0,
    "feeStatus" "FeeStatus" NOT NULL DEFAULT 'NOT_REQUIRED',
    "paymentReference" TEXT,
    "paymentRecordedById" TEXT,
    "paymentRecordedAt" TIMESTAMPTZ(3),
    "registrationAuthorityId" TEXT,
    "reviewerId" TEXT,
    "decisionReason" TEXT,
    "replacesCertificateId" TEXT,
    "keyGeneration" "KeyGeneration" NOT NULL DEFAULT 'CLIENT_CSR',
    "csrDer" BYTEA,
    "submittedAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Document" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT,
    "agentAuthorisationId" TEXT,
    "ownerUserId" TEXT NOT NULL,
    "kind" "DocumentKind" NOT NULL,
    "fileName" TEXT NOT NULL,
    "sniffedType" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "encrypted" BYTEA,
    "iv" BYTEA,
    "tag" BYTEA,
    "keyId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "erasedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateProfile" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "nameZh" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "kind" "ProfileKind" NOT NULL,
    "subjectType" "SubjectType" NOT NULL,
    "allowedKeyAlgorithms" JSONB NOT NULL,
    "validityDays" INTEGER NOT NULL,
    "keyUsage" JSONB NOT NULL,
    "extendedKeyUsage" JSONB NOT NULL,
    "policyOid" TEXT NOT NULL,
    "cpsUri" TEXT,
    "usageScope" TEXT NOT NULL,
    "subjectTemplate" JSONB NOT NULL,
    "feeCents" INTEGER NOT NULL DEFAULT 0,
    "issuingCaId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CertificateProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IssuingCa" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "CaRole" NOT NULL,
    "algorithm" TEXT NOT NULL,
    "subjectDn" TEXT NOT NULL,
    "subjectDer" BYTEA NOT NULL,
    "certificateDer" BYTEA NOT NULL,
    "keyRef" TEXT NOT NULL,
    "parentId" TEXT,
    "crlShardCount" INTEGER NOT NULL DEFAULT 1,
    "status" "CaStatus" NOT NULL DEFAULT 'ACTIVE',
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IssuingCa_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "issuerId" TEXT NOT NULL,
    "serialHex" TEXT NOT NULL,
    "subjectDn" TEXT NOT NULL,
    "subjectDer" BYTEA NOT NULL,
    "publicKeySha256" TEXT NOT NULL,
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "der" BYTEA NOT NULL,
    "status" "CertificateStatus" NOT NULL DEFAULT 'ISSUED',
    "applicationId" TEXT,
    "subscriberUserId" TEXT,
    "subscriberOrganisationId" TEXT,
    "profileId" TEXT NOT NULL,
    "deliveryMethod" "DeliveryMethod",
    "deliveredAt" TIMESTAMPTZ(3),
    "mailTrackingNo" TEXT,
    "receiptAt" TIMESTAMPTZ(3),
    "receiptRecordedById" TEXT,
    "testWindowDeadline" TIMESTAMPTZ(3),
    "testWindowProvisional" BOOLEAN NOT NULL DEFAULT false,
    "acceptanceKind" "AcceptanceKind",
    "acceptedAt" TIMESTAMPTZ(3),
    "crlShard" INTEGER NOT NULL DEFAULT 0,
    "supersededById" TEXT,
    "revokedAt" TIMESTAMPTZ(3),
    "revocationReason" "RevocationReason",
    "holdAt" TIMESTAMPTZ(3),
    "keyGeneration" "KeyGeneration" NOT NULL,
    "pkcs12" BYTEA,
    "publishConsent" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateTestResult" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "kind" "CertificateTestKind" NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "details" JSONB NOT NULL,
    "runAt" TIMESTAMPTZ(3) NOT NULL,
    "runById" TEXT,

    CONSTRAINT "CertificateTestResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Objection" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "raisedById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "testResultId" TEXT,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL,
    "late" BOOLEAN NOT NULL DEFAULT false,
    "status" "ObjectionStatus" NOT NULL DEFAULT 'OPEN',
    "resolution" "ObjectionResolution",
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMPTZ(3),
    "note" TEXT,

    CONSTRAINT "Objection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevocationRequest" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "requestedById" TEXT,
    "onBehalfOfOrganisationId" TEXT,
    "kind" "RevocationRequestKind" NOT NULL,
    "reasonCode" "RevocationReason" NOT NULL,
    "caGround" "CaRevocationGround",
    "status" "RevocationRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "compliantAt" TIMESTAMPTZ(3),
    "confirmedById" TEXT,
    "confirmationMethod" "RevocationConfirmationMethod",
    "dueAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "rejectedReason" TEXT,
    "note" TEXT,

    CONSTRAINT "RevocationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Revocation" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "reasonCode" "RevocationReason" NOT NULL,
    "revokedAt" TIMESTAMPTZ(3) NOT NULL,
    "invalidityDate" TIMESTAMPTZ(3),
    "requestId" TEXT,
    "revokedById" TEXT,

    CONSTRAINT "Revocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrlShard" (
    "id" TEXT NOT NULL,
    "issuingCaId" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "crlNumber" INTEGER NOT NULL DEFAULT 0,
    "thisUpdate" TIMESTAMPTZ(3),
    "nextUpdate" TIMESTAMPTZ(3),
    "der" BYTEA,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CrlShard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OcspResponse" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "der" BYTEA NOT NULL,
    "producedAt" TIMESTAMPTZ(3) NOT NULL,
    "nextUpdate" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OcspResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpdateNotice" (
    "id" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "deadline" TIMESTAMPTZ(3) NOT NULL,
    "selection" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UpdateNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UpdateNoticeTarget" (
    "id" TEXT NOT NULL,
    "noticeId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "notifiedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedByCertificateId" TEXT,

    CONSTRAINT "UpdateNoticeTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "SupportRequestStatus" NOT NULL DEFAULT 'OPEN',
    "certificateId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),

    CONSTRAINT "SupportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportMessage" (
    "id" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "internal" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "PrivacyRequestKind" NOT NULL,
    "status" "PrivacyRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "completedAt" TIMESTAMPTZ(3),
    "handledById" TEXT,
    "outcome" JSONB,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Processor" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "dataCategories" JSONB NOT NULL,
    "location" TEXT,
    "contact" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Processor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Disclosure" (
    "id" TEXT NOT NULL,
    "processorId" TEXT NOT NULL,
    "subjectUserId" TEXT,
    "what" TEXT NOT NULL,
    "why" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" TEXT,

    CONSTRAINT "Disclosure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CalendarYear" (
    "year" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "confirmed" BOOLEAN NOT NULL DEFAULT false,
    "importedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CalendarYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "CalendarDay" (
    "date" DATE NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" "CalendarDayKind" NOT NULL,
    "name" TEXT,

    CONSTRAINT "CalendarDay_pkey" PRIMARY KEY ("date")
);

-- CreateTable
CREATE TABLE "JobLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT,
    "leasedUntil" TIMESTAMPTZ(3),
    "lastStartedAt" TIMESTAMPTZ(3),
    "lastFinishedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "JobLease_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "SweepRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "ok" BOOLEAN,
    "outcome" JSONB,

    CONSTRAINT "SweepRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "EmailToken_tokenHash_key" ON "EmailToken"("tokenHash");

-- CreateIndex
CREATE INDEX "EmailToken_userId_purpose_idx" ON "EmailToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "SignInAttempt_emailKey_at_idx" ON "SignInAttempt"("emailKey", "at");

-- CreateIndex
CREATE INDEX "SignInAttempt_ip_at_idx" ON "SignInAttempt"("ip", "at");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectType_subjectId_idx" ON "AuditEvent"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_idx" ON "AuditEvent"("actorId");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_dedupeKey_key" ON "Notification"("dedupeKey");

-- CreateIndex
CREATE INDEX "Notification_status_nextAttemptAt_idx" ON "Notification"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_unifiedSocialCreditCode_key" ON "Organisation"("unifiedSocialCreditCode");

-- CreateIndex
CREATE INDEX "OrganisationMember_userId_idx" ON "OrganisationMember"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OrganisationMember_organisationId_userId_key" ON "OrganisationMember"("organisationId", "userId");

-- CreateIndex
CREATE UNIQUE INDEX "AgentAuthorisation_letterDocumentId_key" ON "AgentAuthorisation"("letterDocumentId");

-- CreateIndex
CREATE INDEX "AgentAuthorisation_agentUserId_organisationId_idx" ON "AgentAuthorisation"("agentUserId", "organisationId");

-- CreateIndex
CREATE INDEX "AgentAuthorisation_organisationId_idx" ON "AgentAuthorisation"("organisationId");

-- CreateIndex
CREATE UNIQUE INDEX "RegistrationAuthority_name_key" ON "RegistrationAuthority"("name");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementVersion_version_key" ON "AgreementVersion"("version");

-- CreateIndex
CREATE INDEX "AgreementVersion_publishedAt_effectiveAt_idx" ON "AgreementVersion"("publishedAt", "effectiveAt");

-- CreateIndex
CREATE UNIQUE INDEX "AgreementText_versionId_locale_key" ON "AgreementText"("versionId", "locale");

-- CreateIndex
CREATE INDEX "AgreementAcceptance_userId_context_acceptedAt_idx" ON "AgreementAcceptance"("userId", "context", "acceptedAt");

-- CreateIndex
CREATE INDEX "AgreementAcceptance_versionId_idx" ON "AgreementAcceptance"("versionId");

-- CreateIndex
CREATE INDEX "SubscriberIdentity_userId_idx" ON "SubscriberIdentity"("userId");

-- CreateIndex
CREATE INDEX "SubscriberIdentity_organisationId_idx" ON "SubscriberIdentity"("organisationId");

-- CreateIndex
CREATE INDEX "SubscriberIdentity_idDocumentType_idDocumentNumber_idx" ON "SubscriberIdentity"("idDocumentType", "idDocumentNumber");

-- CreateIndex
CREATE INDEX "Application_applicantId_createdAt_idx" ON "Application"("applicantId", "createdAt");

-- CreateIndex
CREATE INDEX "Application_status_submittedAt_idx" ON "Application"("status", "submittedAt");

-- CreateIndex
CREATE INDEX "Application_registrationAuthorityId_status_idx" ON "Application"("registrationAuthorityId", "status");

-- CreateIndex
CREATE INDEX "Application_organisationId_idx" ON "Application"("organisationId");

-- CreateIndex
CREATE INDEX "Application_replacesCertificateId_idx" ON "Application"("replacesCertificateId");

-- CreateIndex
CREATE INDEX "Document_applicationId_idx" ON "Document"("applicationId");

-- CreateIndex
CREATE INDEX "Document_agentAuthorisationId_idx" ON "Document"("agentAuthorisationId");

-- CreateIndex
CREATE INDEX "Document_ownerUserId_idx" ON "Document"("ownerUserId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificateProfile_code_key" ON "CertificateProfile"("code");

-- CreateIndex
CREATE UNIQUE INDEX "IssuingCa_name_key" ON "IssuingCa"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_applicationId_key" ON "Certificate"("applicationId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_supersededById_key" ON "Certificate"("supersededById");

-- CreateIndex
CREATE INDEX "Certificate_publicKeySha256_idx" ON "Certificate"("publicKeySha256");

-- CreateIndex
CREATE INDEX "Certificate_subscriberUserId_idx" ON "Certificate"("subscriberUserId");

-- CreateIndex
CREATE INDEX "Certificate_subscriberOrganisationId_idx" ON "Certificate"("subscriberOrganisationId");

-- CreateIndex
CREATE INDEX "Certificate_status_notAfter_idx" ON "Certificate"("status", "notAfter");

-- CreateIndex
CREATE INDEX "Certificate_testWindowDeadline_idx" ON "Certificate"("testWindowDeadline");

-- CreateIndex
CREATE INDEX "Certificate_issuerId_crlShard_idx" ON "Certificate"("issuerId", "crlShard");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_issuerId_serialHex_key" ON "Certificate"("issuerId", "serialHex");

-- CreateIndex
CREATE INDEX "CertificateTestResult_certificateId_runAt_idx" ON "CertificateTestResult"("certificateId", "runAt");

-- CreateIndex
CREATE INDEX "Objection_certificateId_idx" ON "Objection"("certificateId");

-- CreateIndex
CREATE INDEX "Objection_status_raisedAt_idx" ON "Objection"("status", "raisedAt");

-- CreateIndex
CREATE INDEX "RevocationRequest_certificateId_idx" ON "RevocationRequest"("certificateId");

-- CreateIndex
CREATE INDEX "RevocationRequest_status_dueAt_idx" ON "RevocationRequest"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Revocation_certificateId_key" ON "Revocation"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "Revocation_requestId_key" ON "Revocation"("requestId");

-- CreateIndex
CREATE INDEX "Revocation_revokedAt_idx" ON "Revocation"("revokedAt");

-- CreateIndex
CREATE UNIQUE INDEX "CrlShard_issuingCaId_shard_key" ON "CrlShard"("issuingCaId", "shard");

-- CreateIndex
CREATE UNIQUE INDEX "OcspResponse_certificateId_key" ON "OcspResponse"("certificateId");

-- CreateIndex
CREATE INDEX "OcspResponse_nextUpdate_idx" ON "OcspResponse"("nextUpdate");

-- CreateIndex
CREATE INDEX "UpdateNoticeTarget_certificateId_idx" ON "UpdateNoticeTarget"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "UpdateNoticeTarget_noticeId_certificateId_key" ON "UpdateNoticeTarget"("noticeId", "certificateId");

-- CreateIndex
CREATE INDEX "SupportRequest_userId_createdAt_idx" ON "SupportRequest"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "SupportRequest_status_updatedAt_idx" ON "SupportRequest"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "SupportMessage_requestId_createdAt_idx" ON "SupportMessage"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_userId_idx" ON "PrivacyRequest"("userId");

-- CreateIndex
CREATE INDEX "PrivacyRequest_status_requestedAt_idx" ON "PrivacyRequest"("status", "requestedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Processor_name_key" ON "Processor"("name");

-- CreateIndex
CREATE INDEX "Disclosure_subjectUserId_at_idx" ON "Disclosure"("subjectUserId", "at");

-- CreateIndex
CREATE INDEX "Disclosure_processorId_at_idx" ON "Disclosure"("processorId", "at");

-- CreateIndex
CREATE INDEX "CalendarDay_year_idx" ON "CalendarDay"("year");

-- CreateIndex
CREATE INDEX "SweepRun_job_startedAt_idx" ON "SweepRun"("job", "startedAt");

-- CreateIndex
CREATE INDEX "RateLimitBucket_expiresAt_idx" ON "RateLimitBucket"("expiresAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_registrationAuthorityId_fkey" FOREIGN KEY ("registrationAuthorityId") REFERENCES "RegistrationAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EmailToken" ADD CONSTRAINT "EmailToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMember" ADD CONSTRAINT "OrganisationMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrganisationMember" ADD CONSTRAINT "OrganisationMember_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentAuthorisation" ADD CONSTRAINT "AgentAuthorisation_agentUserId_fkey" FOREIGN KEY ("agentUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentAuthorisation" ADD CONSTRAINT "AgentAuthorisation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentAuthorisation" ADD CONSTRAINT "AgentAuthorisation_letterDocumentId_fkey" FOREIGN KEY ("letterDocumentId") REFERENCES "Document"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgentAuthorisation" ADD CONSTRAINT "AgentAuthorisation_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegistrationAuthority" ADD CONSTRAINT "RegistrationAuthority_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "RegistrationAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementVersion" ADD CONSTRAINT "AgreementVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementText" ADD CONSTRAINT "AgreementText_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "AgreementVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_onBehalfOfOrganisationId_fkey" FOREIGN KEY ("onBehalfOfOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementAcceptance" ADD CONSTRAINT "AgreementAcceptance_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "AgreementAcceptance"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriberIdentity" ADD CONSTRAINT "SubscriberIdentity_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriberIdentity" ADD CONSTRAINT "SubscriberIdentity_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubscriberIdentity" ADD CONSTRAINT "SubscriberIdentity_verifiedById_fkey" FOREIGN KEY ("verifiedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_applicantId_fkey" FOREIGN KEY ("applicantId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_agentAuthorisationId_fkey" FOREIGN KEY ("agentAuthorisationId") REFERENCES "AgentAuthorisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_subscriberIdentityId_fkey" FOREIGN KEY ("subscriberIdentityId") REFERENCES "SubscriberIdentity"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CertificateProfile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_paymentRecordedById_fkey" FOREIGN KEY ("paymentRecordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_registrationAuthorityId_fkey" FOREIGN KEY ("registrationAuthorityId") REFERENCES "RegistrationAuthority"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Application" ADD CONSTRAINT "Application_replacesCertificateId_fkey" FOREIGN KEY ("replacesCertificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_agentAuthorisationId_fkey" FOREIGN KEY ("agentAuthorisationId") REFERENCES "AgentAuthorisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_ownerUserId_fkey" FOREIGN KEY ("ownerUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateProfile" ADD CONSTRAINT "CertificateProfile_issuingCaId_fkey" FOREIGN KEY ("issuingCaId") REFERENCES "IssuingCa"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IssuingCa" ADD CONSTRAINT "IssuingCa_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "IssuingCa"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_issuerId_fkey" FOREIGN KEY ("issuerId") REFERENCES "IssuingCa"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_subscriberUserId_fkey" FOREIGN KEY ("subscriberUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_subscriberOrganisationId_fkey" FOREIGN KEY ("subscriberOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_profileId_fkey" FOREIGN KEY ("profileId") REFERENCES "CertificateProfile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_receiptRecordedById_fkey" FOREIGN KEY ("receiptRecordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_supersededById_fkey" FOREIGN KEY ("supersededById") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateTestResult" ADD CONSTRAINT "CertificateTestResult_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateTestResult" ADD CONSTRAINT "CertificateTestResult_runById_fkey" FOREIGN KEY ("runById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_raisedById_fkey" FOREIGN KEY ("raisedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_testResultId_fkey" FOREIGN KEY ("testResultId") REFERENCES "CertificateTestResult"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Objection" ADD CONSTRAINT "Objection_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationRequest" ADD CONSTRAINT "RevocationRequest_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationRequest" ADD CONSTRAINT "RevocationRequest_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationRequest" ADD CONSTRAINT "RevocationRequest_onBehalfOfOrganisationId_fkey" FOREIGN KEY ("onBehalfOfOrganisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RevocationRequest" ADD CONSTRAINT "RevocationRequest_confirmedById_fkey" FOREIGN KEY ("confirmedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revocation" ADD CONSTRAINT "Revocation_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revocation" ADD CONSTRAINT "Revocation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "RevocationRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Revocation" ADD CONSTRAINT "Revocation_revokedById_fkey" FOREIGN KEY ("revokedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrlShard" ADD CONSTRAINT "CrlShard_issuingCaId_fkey" FOREIGN KEY ("issuingCaId") REFERENCES "IssuingCa"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OcspResponse" ADD CONSTRAINT "OcspResponse_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpdateNotice" ADD CONSTRAINT "UpdateNotice_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpdateNoticeTarget" ADD CONSTRAINT "UpdateNoticeTarget_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "UpdateNotice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpdateNoticeTarget" ADD CONSTRAINT "UpdateNoticeTarget_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UpdateNoticeTarget" ADD CONSTRAINT "UpdateNoticeTarget_resolvedByCertificateId_fkey" FOREIGN KEY ("resolvedByCertificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMessage" ADD CONSTRAINT "SupportMessage_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "SupportRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupportMessage" ADD CONSTRAINT "SupportMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_handledById_fkey" FOREIGN KEY ("handledById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disclosure" ADD CONSTRAINT "Disclosure_processorId_fkey" FOREIGN KEY ("processorId") REFERENCES "Processor"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disclosure" ADD CONSTRAINT "Disclosure_subjectUserId_fkey" FOREIGN KEY ("subjectUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Disclosure" ADD CONSTRAINT "Disclosure_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CalendarDay" ADD CONSTRAINT "CalendarDay_year_fkey" FOREIGN KEY ("year") REFERENCES "CalendarYear"("year") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SweepRun" ADD CONSTRAINT "SweepRun_job_fkey" FOREIGN KEY ("job") REFERENCES "JobLease"("name") ON DELETE CASCADE ON UPDATE CASCADE;


-- ─── Raw SQL that schema.prisma cannot express (listed in src/db/raw-sql-extras.ts) ───

-- One active agreement acceptance per (user, on-behalf-of organisation, action context).
-- A new acceptance must first mark the previous one superseded (clause 7.5).
CREATE UNIQUE INDEX "AgreementAcceptance_one_active_key"
  ON "AgreementAcceptance" ("userId", COALESCE("onBehalfOfOrganisationId", ''), "context")
  WHERE "supersededAt" IS NULL;

-- The audit log is append-only evidence: refuse UPDATE, DELETE and TRUNCATE for every role.
-- Tests that must tamper with it disable the triggers in their own session
-- (ALTER TABLE "AuditEvent" DISABLE TRIGGER USER, or SET session_replication_role = replica).
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP
    USING ERRCODE = 'raise_exception', HINT = 'audit events can only be inserted';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update_delete"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
