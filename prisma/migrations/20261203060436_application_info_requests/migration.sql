-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "withdrawnAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "ApplicationInfoRequest" (
    "id" TEXT NOT NULL,
    "applicationId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "askedById" TEXT NOT NULL,
    "askedAt" TIMESTAMPTZ(3) NOT NULL,
    "detailsAtQuestion" JSONB NOT NULL,
    "answer" TEXT,
    "answeredById" TEXT,
    "answeredAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApplicationInfoRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApplicationInfoRequest_applicationId_askedAt_idx" ON "ApplicationInfoRequest"("applicationId", "askedAt");

-- AddForeignKey
ALTER TABLE "ApplicationInfoRequest" ADD CONSTRAINT "ApplicationInfoRequest_applicationId_fkey" FOREIGN KEY ("applicationId") REFERENCES "Application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationInfoRequest" ADD CONSTRAINT "ApplicationInfoRequest_askedById_fkey" FOREIGN KEY ("askedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApplicationInfoRequest" ADD CONSTRAINT "ApplicationInfoRequest_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

