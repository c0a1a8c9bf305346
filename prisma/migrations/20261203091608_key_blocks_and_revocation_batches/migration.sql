-- CreateEnum
CREATE TYPE "BlockedKeySource" AS ENUM ('SUBSCRIBER_REQUEST', 'CA_REVOCATION', 'OBJECTION', 'PROBLEM_REPORT', 'BATCH_REVOCATION', 'OPERATOR_CLI');

-- CreateEnum
CREATE TYPE "RevocationBatchStatus" AS ENUM ('AWAITING_APPROVAL', 'RUNNING', 'DONE', 'REJECTED');

-- CreateEnum
CREATE TYPE "RevocationBatchItemStatus" AS ENUM ('PENDING', 'REVOKED', 'SKIPPED', 'FAILED');

-- CreateTable
CREATE TABLE "BlockedKey" (
    "spkiSha256" TEXT NOT NULL,
    "blockedAt" TIMESTAMPTZ(3) NOT NULL,
    "reason" "RevocationReason" NOT NULL,
    "source" "BlockedKeySource" NOT NULL,
    "sourceCertificateId" TEXT,

    CONSTRAINT "BlockedKey_pkey" PRIMARY KEY ("spkiSha256")
);

-- CreateTable
CREATE TABLE "RevocationBatch" (
    "id" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "ground" "CaRevocationGround" NOT NULL,
    "reason" "RevocationReason" NOT NULL,
    "explanation" TEXT NOT NULL,
    "invalidityDate" TIMESTAMPTZ(3),
    "status" "RevocationBatchStatus" NOT NULL DEFAULT 'AWAITING_APPROVAL',
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "requestedById" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "approvalId" TEXT,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RevocationBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RevocationBatchItem" (
    "batchId" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "serialHex" TEXT NOT NULL,
    "status" "RevocationBatchItemStatus" NOT NULL DEFAULT 'PENDING',
    "failure" TEXT,
    "handledAt" TIMESTAMPTZ(3),

    CONSTRAINT "RevocationBatchItem_pkey" PRIMARY KEY ("batchId","certificateId")
);

-- CreateIndex
CREATE UNIQUE INDEX "RevocationBatch_approvalId_key" ON "RevocationBatch"("approvalId");

-- CreateIndex
CREATE INDEX "RevocationBatch_status_requestedAt_idx" ON "RevocationBatch"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "RevocationBatchItem_batchId_status_idx" ON "RevocationBatchItem"("batchId", "status");

-- AddForeignKey
ALTER TABLE "RevocationBatchItem" ADD CONSTRAINT "RevocationBatchItem_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "RevocationBatch"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

