-- DropIndex
DROP INDEX "Certificate_issuerId_crlShard_idx";

-- DropIndex
DROP INDEX "Certificate_subscriberOrganisationId_idx";

-- CreateIndex
CREATE INDEX "Certificate_serialHex_idx" ON "Certificate"("serialHex");

-- CreateIndex
CREATE INDEX "Certificate_subscriberOrganisationId_createdAt_id_idx" ON "Certificate"("subscriberOrganisationId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Certificate_receiptAt_idx" ON "Certificate"("receiptAt");

-- CreateIndex
CREATE INDEX "Certificate_issuerId_crlShard_updatedAt_idx" ON "Certificate"("issuerId", "crlShard", "updatedAt");


-- The entries of a CRL shard (crl-publisher publishCrlShard): the revoked or held certificates of
-- one issuing CA and shard. A partial index holds only those rows (a tenth of a million-certificate
-- CA, where (issuerId, crlShard) alone matched a quarter of the table and PostgreSQL read it all).
-- Raw SQL (schema.prisma cannot express a partial index); listed in src/db/raw-sql-extras.ts.
CREATE INDEX "Certificate_crl_entries_idx" ON "Certificate"("issuerId", "crlShard") WHERE "revokedAt" IS NOT NULL OR "holdAt" IS NOT NULL;
