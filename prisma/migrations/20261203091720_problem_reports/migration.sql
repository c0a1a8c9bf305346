-- CreateEnum
CREATE TYPE "ProblemReportCategory" AS ENUM ('KEY_COMPROMISE', 'MISUSE', 'ILLEGAL_CONTENT', 'FRAUD', 'OTHER');

-- CreateEnum
CREATE TYPE "ProblemReportStatus" AS ENUM ('RECEIVED', 'PRELIMINARY_SENT', 'CLOSED');

-- CreateEnum
CREATE TYPE "ProblemReportOutcome" AS ENUM ('REVOKED', 'NO_ACTION');

-- CreateEnum
CREATE TYPE "KeyCompromiseProof" AS ENUM ('SIGNATURE', 'PRIVATE_KEY');

-- CreateTable
CREATE TABLE "ProblemReport" (
    "id" TEXT NOT NULL,
    "number" SERIAL NOT NULL,
    "reference" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "category" "ProblemReportCategory" NOT NULL,
    "description" TEXT NOT NULL,
    "reporterEmail" TEXT NOT NULL,
    "reporterName" TEXT,
    "reporterLocale" TEXT NOT NULL,
    "keyProof" "KeyCompromiseProof",
    "keyProofNonce" TEXT,
    "statusTokenHash" TEXT NOT NULL,
    "status" "ProblemReportStatus" NOT NULL DEFAULT 'RECEIVED',
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "preliminaryDueAt" TIMESTAMPTZ(3) NOT NULL,
    "preliminaryReport" TEXT,
    "preliminaryAt" TIMESTAMPTZ(3),
    "preliminaryById" TEXT,
    "outcome" "ProblemReportOutcome",
    "outcomeReason" TEXT,
    "caGround" "CaRevocationGround",
    "revocationReason" "RevocationReason",
    "revocationRequestId" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decidedById" TEXT,

    CONSTRAINT "ProblemReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProblemReport_number_key" ON "ProblemReport"("number");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemReport_reference_key" ON "ProblemReport"("reference");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemReport_keyProofNonce_key" ON "ProblemReport"("keyProofNonce");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemReport_statusTokenHash_key" ON "ProblemReport"("statusTokenHash");

-- CreateIndex
CREATE UNIQUE INDEX "ProblemReport_revocationRequestId_key" ON "ProblemReport"("revocationRequestId");

-- CreateIndex
CREATE INDEX "ProblemReport_status_preliminaryDueAt_idx" ON "ProblemReport"("status", "preliminaryDueAt");

-- CreateIndex
CREATE INDEX "ProblemReport_certificateId_idx" ON "ProblemReport"("certificateId");

-- AddForeignKey
ALTER TABLE "ProblemReport" ADD CONSTRAINT "ProblemReport_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

