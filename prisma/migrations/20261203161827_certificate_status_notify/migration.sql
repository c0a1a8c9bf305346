-- Status announcements (issue 16): every change of what OCSP answers for a certificate (its
-- revocation, hold, release, or the row's removal) is announced on the channel
-- "certificate_status" with the payload '<IssuingCa id>/<serialHex>', so that every instance that
-- holds pre-signed OCSP responses of it re-signs them at once (listenForStatusChanges,
-- src/server/ca-service/status-announcements.ts). A trigger, not a call in the use cases: it is the
-- one place every path passes through (portal use cases, the CLI, jobs, batch revocations, an
-- operator's SQL), and NOTIFY from it is delivered at commit and never for a rolled-back change.
-- Identical payloads in one transaction are delivered once. On PGlite nobody listens: harmless.
-- Raw SQL only (schema.prisma cannot express triggers); listed in src/db/raw-sql-extras.ts.
CREATE FUNCTION "certificate_status_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('certificate_status', OLD."issuerId" || '/' || OLD."serialHex");
  ELSIF NEW."revokedAt" IS DISTINCT FROM OLD."revokedAt"
     OR NEW."holdAt" IS DISTINCT FROM OLD."holdAt"
     OR NEW."revocationReason" IS DISTINCT FROM OLD."revocationReason" THEN
    PERFORM pg_notify('certificate_status', NEW."issuerId" || '/' || NEW."serialHex");
  END IF;
  RETURN NULL;
END $$;

-- Only updates that name a status column (Prisma sets only the columns it changes), and deletions.
CREATE TRIGGER "Certificate_status_notify"
  AFTER UPDATE OF "revokedAt", "holdAt", "revocationReason" OR DELETE ON "Certificate"
  FOR EACH ROW EXECUTE FUNCTION "certificate_status_notify"();
