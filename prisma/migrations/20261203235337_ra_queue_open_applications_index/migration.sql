-- DropIndex
DROP INDEX "Application_status_submittedAt_idx";

-- CreateIndex
CREATE INDEX "Application_status_submittedAt_id_registrationAuthorityId_k_idx" ON "Application"("status", "submittedAt", "id", "registrationAuthorityId", "kind");

