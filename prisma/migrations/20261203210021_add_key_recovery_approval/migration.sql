-- AlterEnum
ALTER TYPE "ApprovalKind" ADD VALUE 'KEY_RECOVERY';

