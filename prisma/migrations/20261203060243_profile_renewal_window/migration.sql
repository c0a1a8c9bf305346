-- AlterTable
ALTER TABLE "CertificateProfile" ADD COLUMN     "renewalClosesDaysAfter" INTEGER NOT NULL DEFAULT 365,
ADD COLUMN     "renewalContinuesValidity" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "renewalOpensDaysBefore" INTEGER NOT NULL DEFAULT 90;


-- Raw SQL (src/db/raw-sql-extras.ts): the renewal window's bounds. It opens at least a day before
-- expiry and at most a year (the carried-over validity is bounded by it), and closes at most a
-- year after expiry: later, the identity verified for the old certificate is too old to reuse.
ALTER TABLE "CertificateProfile" ADD CONSTRAINT "CertificateProfile_renewal_window_check" CHECK ("renewalOpensDaysBefore" BETWEEN 1 AND 365 AND "renewalClosesDaysAfter" BETWEEN 0 AND 365);
