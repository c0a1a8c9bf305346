-- AlterTable
ALTER TABLE "User" ADD COLUMN     "secondFactorVersion" INTEGER NOT NULL DEFAULT 0;

