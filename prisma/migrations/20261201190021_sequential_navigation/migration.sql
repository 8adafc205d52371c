-- AlterTable
ALTER TABLE "Attempt" ADD COLUMN     "currentPosition" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "sequential" BOOLEAN NOT NULL DEFAULT false;

