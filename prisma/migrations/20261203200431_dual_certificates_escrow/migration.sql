-- CreateEnum
CREATE TYPE "CertificateKeyRole" AS ENUM ('SIGNING', 'ENCRYPTION');

-- AlterTable
ALTER TABLE "Certificate" ADD COLUMN     "keyRole" "CertificateKeyRole",
ADD COLUMN     "signingCertificateId" TEXT;

-- CreateTable
CREATE TABLE "EscrowedKey" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "publicKeySha256" TEXT NOT NULL,
    "sealedPrivateKey" BYTEA NOT NULL,
    "sealIv" BYTEA NOT NULL,
    "sealTag" BYTEA NOT NULL,
    "sealKeyId" TEXT NOT NULL,
    "envelope" BYTEA NOT NULL,
    "envelopeDeliveredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "EscrowedKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EscrowedKey_certificateId_key" ON "EscrowedKey"("certificateId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_signingCertificateId_key" ON "Certificate"("signingCertificateId");

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_signingCertificateId_fkey" FOREIGN KEY ("signingCertificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EscrowedKey" ADD CONSTRAINT "EscrowedKey_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

