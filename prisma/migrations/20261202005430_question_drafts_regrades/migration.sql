-- CreateTable
CREATE TABLE "QuestionDraft" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "questionId" TEXT,
    "slot" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "QuestionDraft_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Regrade" (
    "id" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "toVersionId" TEXT NOT NULL,
    "fromVersions" INTEGER[],
    "byId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attemptCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "items" JSONB NOT NULL,

    CONSTRAINT "Regrade_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "QuestionDraft_questionId_idx" ON "QuestionDraft"("questionId");

-- CreateIndex
CREATE INDEX "QuestionDraft_bankId_idx" ON "QuestionDraft"("bankId");

-- CreateIndex
CREATE UNIQUE INDEX "QuestionDraft_userId_slot_key" ON "QuestionDraft"("userId", "slot");

-- CreateIndex
CREATE INDEX "Regrade_questionId_createdAt_idx" ON "Regrade"("questionId", "createdAt");

-- AddForeignKey
ALTER TABLE "QuestionDraft" ADD CONSTRAINT "QuestionDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionDraft" ADD CONSTRAINT "QuestionDraft_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "QuestionBank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuestionDraft" ADD CONSTRAINT "QuestionDraft_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_questionId_fkey" FOREIGN KEY ("questionId") REFERENCES "Question"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_toVersionId_fkey" FOREIGN KEY ("toVersionId") REFERENCES "QuestionVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_byId_fkey" FOREIGN KEY ("byId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

