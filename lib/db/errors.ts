// Owns recognising database errors the DAL turns into answers (a unique index that decided a race, say).
import { Prisma } from "@/lib/generated/prisma/client";

/**
 * A unique index refused the write: Prisma's P2002 for its own queries; for raw SQL the driver's SQLSTATE 23505,
 * which Prisma reports as P2010 with the database code in `meta` (PostgreSQL and PGlite alike).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === "P2002") return true;
  const meta = error.meta as { code?: unknown; driverAdapterError?: { cause?: { originalCode?: unknown; kind?: unknown } } } | undefined;
  return (
    meta?.code === "23505" ||
    meta?.driverAdapterError?.cause?.originalCode === "23505" ||
    meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation"
  );
}
