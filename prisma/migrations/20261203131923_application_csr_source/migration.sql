-- CreateEnum
CREATE TYPE "CsrSource" AS ENUM ('BROWSER', 'UPLOADED');

-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "csrSource" "CsrSource";

