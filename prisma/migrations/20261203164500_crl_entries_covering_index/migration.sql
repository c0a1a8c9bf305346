-- Certificate_crl_entries_idx covers what a CRL entry needs (serial, revocation time and reason,
-- hold time, and the id that finds the Revocation row's invalidity date), so a shard's entries are
-- read from the index alone (bench:million: 25,000 entries of a million-certificate CA took 3.4 s
-- through heap pages spread over the whole table, 0.05 s from the index). Raw SQL (a partial index
-- with INCLUDE); listed in src/db/raw-sql-extras.ts under the same name.
DROP INDEX "Certificate_crl_entries_idx";
CREATE INDEX "Certificate_crl_entries_idx" ON "Certificate"("issuerId", "crlShard") INCLUDE ("id", "serialHex", "revokedAt", "revocationReason", "holdAt") WHERE "revokedAt" IS NOT NULL OR "holdAt" IS NOT NULL;
