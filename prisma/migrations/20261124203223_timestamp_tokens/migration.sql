-- CreateTable
CREATE TABLE "TimestampToken" (
    "serialHex" TEXT NOT NULL,
    "tsaId" TEXT NOT NULL,
    "genTime" TIMESTAMPTZ(3) NOT NULL,
    "policyOid" TEXT NOT NULL,
    "hashOid" TEXT NOT NULL,
    "hashedMessageHex" TEXT NOT NULL,
    "token" BYTEA NOT NULL,

    CONSTRAINT "TimestampToken_pkey" PRIMARY KEY ("serialHex")
);

-- CreateIndex
CREATE INDEX "TimestampToken_genTime_idx" ON "TimestampToken"("genTime");

-- CreateIndex
CREATE INDEX "TimestampToken_hashedMessageHex_idx" ON "TimestampToken"("hashedMessageHex");

-- AddForeignKey
ALTER TABLE "TimestampToken" ADD CONSTRAINT "TimestampToken_tsaId_fkey" FOREIGN KEY ("tsaId") REFERENCES "IssuingCa"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

