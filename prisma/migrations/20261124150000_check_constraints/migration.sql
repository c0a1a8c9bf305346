-- Value rules the database enforces itself (schema.prisma cannot express CHECK constraints;
-- listed in src/db/raw-sql-extras.ts).

-- A certificate or CA certificate must be valid for some time.
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_validity_check" CHECK ("notAfter" > "notBefore");
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_crlShard_check" CHECK ("crlShard" >= 0);
ALTER TABLE "IssuingCa" ADD CONSTRAINT "IssuingCa_validity_check" CHECK ("notAfter" > "notBefore");
ALTER TABLE "IssuingCa" ADD CONSTRAINT "IssuingCa_crlShardCount_check" CHECK ("crlShardCount" >= 1);
ALTER TABLE "CrlShard" ADD CONSTRAINT "CrlShard_numbers_check" CHECK ("shard" >= 0 AND "crlNumber" >= 0);

-- An agent authorisation covers a non-empty period.
ALTER TABLE "AgentAuthorisation" ADD CONSTRAINT "AgentAuthorisation_period_check" CHECK ("validUntil" > "validFrom");

-- Money and counters are never negative.
ALTER TABLE "Application" ADD CONSTRAINT "Application_amounts_check" CHECK ("feeCents" >= 0 AND "version" >= 1);
ALTER TABLE "CertificateProfile" ADD CONSTRAINT "CertificateProfile_values_check" CHECK ("feeCents" >= 0 AND "validityDays" > 0);
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_attempts_check" CHECK ("attempts" >= 0);
ALTER TABLE "Document" ADD CONSTRAINT "Document_size_check" CHECK ("size" >= 0);
