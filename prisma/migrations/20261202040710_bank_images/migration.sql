-- CreateTable
CREATE TABLE "BankImage" (
    "id" TEXT NOT NULL,
    "bankId" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BankImage_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BankImage_bankId_sha256_key" ON "BankImage"("bankId", "sha256");

-- AddForeignKey
ALTER TABLE "BankImage" ADD CONSTRAINT "BankImage_bankId_fkey" FOREIGN KEY ("bankId") REFERENCES "QuestionBank"("id") ON DELETE CASCADE ON UPDATE CASCADE;

