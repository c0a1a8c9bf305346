-- CreateEnum
CREATE TYPE "UpdateNoticeConsequence" AS ENUM ('REVOKE', 'NO_ACTION');

-- AlterTable
ALTER TABLE "UpdateNotice" ADD COLUMN     "consequence" "UpdateNoticeConsequence" NOT NULL DEFAULT 'NO_ACTION',
ADD COLUMN     "remindedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "UpdateNoticeTarget" ADD COLUMN     "lapsedAt" TIMESTAMPTZ(3);
