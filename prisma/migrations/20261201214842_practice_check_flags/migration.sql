-- AlterTable
ALTER TABLE "AttemptItem" ADD COLUMN     "checkedAt" TIMESTAMP(3),
ADD COLUMN     "flagged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "similarOf" INTEGER;

-- CreateIndex
CREATE UNIQUE INDEX "AttemptItem_attemptId_similarOf_key" ON "AttemptItem"("attemptId", "similarOf");

