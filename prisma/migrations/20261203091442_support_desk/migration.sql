-- AlterTable
ALTER TABLE "SupportRequest" ADD COLUMN     "assignedToId" TEXT,
ADD COLUMN     "awaitingStaffSince" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "SupportRequest_assignedToId_status_idx" ON "SupportRequest"("assignedToId", "status");

-- AddForeignKey
ALTER TABLE "SupportRequest" ADD CONSTRAINT "SupportRequest_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- Requests already waiting for staff start their desk clock at their last change (the best
-- instant known); answered and closed ones wait for nobody.
UPDATE "SupportRequest" SET "awaitingStaffSince" = "updatedAt" WHERE "status" = 'OPEN';
