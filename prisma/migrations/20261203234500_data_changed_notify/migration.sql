-- Data-change announcements for caches of rendered pages (issue 16; src/server/page-cache). Every
-- committed change of a table that a page may show is announced on the channel
-- "portal_data_changed" (empty payload, so one notification per transaction, at commit, never for
-- a rolled-back one); each process that caches pages listens (src/db/data-changes.ts) and stops
-- answering from what it rendered before. A statement-level trigger per table, not a call in the
-- use cases: it is the one place every path passes through (portal, CLI, jobs, an operator's SQL).
-- Left out, because they change constantly and no cached page shows them: AuditEvent,
-- SignInAttempt, RateLimitBucket, WebAuthnChallenge, JobLease, SweepRun, OcspResponse,
-- TimestampToken (src/db/data-changes.ts lists the reasons; a test holds every other table to a trigger).
-- Raw SQL only (schema.prisma cannot express triggers); listed in src/db/raw-sql-extras.ts.
CREATE FUNCTION "data_changed_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('portal_data_changed', '');
  RETURN NULL;
END $$;

CREATE TRIGGER "User_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "EmailToken_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EmailToken" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "TotpFactor_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "TotpFactor" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "RecoveryCode_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RecoveryCode" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Passkey_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Passkey" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Notification_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Notification" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "AppSetting_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AppSetting" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Organisation_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "OrganisationMember_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "OrganisationMember" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "AgentAuthorisation_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgentAuthorisation" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "RegistrationAuthority_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RegistrationAuthority" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "AgreementVersion_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgreementVersion" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "AgreementText_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgreementText" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "AgreementAcceptance_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "AgreementAcceptance" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "SubscriberIdentity_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SubscriberIdentity" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Application_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Application" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "ApplicationInfoRequest_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApplicationInfoRequest" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Document_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Document" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "CertificateProfile_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CertificateProfile" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "IssuingCa_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "IssuingCa" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Certificate_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Certificate" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "CertificateTestResult_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CertificateTestResult" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Objection_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Objection" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "RevocationRequest_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RevocationRequest" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Revocation_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Revocation" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "EscrowedKey_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "EscrowedKey" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "BlockedKey_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "BlockedKey" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "RevocationBatch_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RevocationBatch" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "RevocationBatchItem_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RevocationBatchItem" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "CrlShard_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CrlShard" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "UpdateNotice_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "UpdateNotice" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "UpdateNoticeTarget_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "UpdateNoticeTarget" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "SupportRequest_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SupportRequest" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "SupportMessage_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SupportMessage" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "PrivacyRequest_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "PrivacyRequest" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Processor_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Processor" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "Disclosure_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Disclosure" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "CalendarYear_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarYear" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "CalendarDay_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "CalendarDay" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "ProblemReport_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ProblemReport" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "ApprovalRequest_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApprovalRequest" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
CREATE TRIGGER "ApprovalDecision_data_changed" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApprovalDecision" FOR EACH STATEMENT EXECUTE FUNCTION "data_changed_notify"();
