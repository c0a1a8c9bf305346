-- AlterTable
ALTER TABLE "Application" ADD COLUMN     "wizardProgress" JSONB;

