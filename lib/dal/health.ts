// Owns the database health probe behind /api/health.
import "server-only";
import { db, databaseConfig, databaseKind } from "@/lib/db/client";
import { describeConnectionError } from "@/lib/db/config";

export type Health = { ok: true; db: "pglite" | "postgres"; migrations: number } | { ok: false; db: string; reason: string };

export async function checkHealth(): Promise<Health> {
  let kind: "pglite" | "postgres";
  try {
    kind = databaseKind();
  } catch (e) {
    return { ok: false, db: "unknown", reason: (e as Error).message };
  }
  try {
    const rows = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`;
    return { ok: true, db: kind, migrations: Number(rows[0]?.n ?? 0) };
  } catch (e) {
    console.error("[health] database check failed:", e);
    return { ok: false, db: kind, reason: describeConnectionError(rootCause(e), databaseConfig()) };
  }
}

/** Driver adapters wrap the socket error; the innermost error carries the code (ECONNREFUSED, 28P01…). */
function rootCause(e: unknown): unknown {
  let current = e as { cause?: unknown; code?: unknown };
  for (let i = 0; i < 5 && current?.cause && !(typeof current.code === "string" && current.code.length > 0); i++)
    current = current.cause as { cause?: unknown; code?: unknown };
  return current;
}
