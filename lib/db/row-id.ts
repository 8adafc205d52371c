// Owns primary keys for rows the DAL writes with raw SQL (Prisma generates cuid()s only for its own writes).
import { randomBytes } from "node:crypto";

/** "c" + 24 hex digits: 96 random bits, the same alphabet and length range as Prisma's cuid()s, so IdSchema accepts both. */
export function newRowId(): string {
  return `c${randomBytes(12).toString("hex")}`;
}
