-- CreateEnum
CREATE TYPE "ReviewSource" AS ENUM ('QUIZ', 'REVIEW');

-- AlterTable
ALTER TABLE "ReviewCard" ADD COLUMN     "pendingPresentation" JSONB,
ADD COLUMN     "pendingShowingId" TEXT,
ADD COLUMN     "pendingVersionId" TEXT;

-- AlterTable
ALTER TABLE "ReviewLog" ADD COLUMN     "source" "ReviewSource" NOT NULL DEFAULT 'QUIZ';

