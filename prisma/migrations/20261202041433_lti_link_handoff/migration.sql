-- CreateTable
CREATE TABLE "LtiPendingLink" (
    "tokenHash" TEXT NOT NULL,
    "platformId" TEXT NOT NULL,
    "launch" JSONB NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiPendingLink_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "LtiHandoff" (
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "frameOrigins" TEXT[],
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LtiHandoff_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "LtiPendingLink_expiresAt_idx" ON "LtiPendingLink"("expiresAt");

-- CreateIndex
CREATE INDEX "LtiHandoff_expiresAt_idx" ON "LtiHandoff"("expiresAt");

-- AddForeignKey
ALTER TABLE "LtiPendingLink" ADD CONSTRAINT "LtiPendingLink_platformId_fkey" FOREIGN KEY ("platformId") REFERENCES "LtiPlatform"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LtiHandoff" ADD CONSTRAINT "LtiHandoff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

