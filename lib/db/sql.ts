// Owns raw SQL connections for the migration applier and health checks: one small interface over PGlite and pg.
import type { PGlite } from "@electric-sql/pglite";
import type { DatabaseConfig } from "./config";

export interface SqlRunner {
  readonly kind: "pglite" | "postgres";
  /** What in-process callers must serialise on (the shared PGlite session); undefined for a pg connection of its own. */
  readonly lockScope?: object;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (a migration file). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export function pgliteRunner(db: PGlite, { closeOnEnd = false } = {}): SqlRunner {
  return {
    kind: "pglite",
    lockScope: db,
    async query<T>(sql: string, params: unknown[] = []) {
      return (await db.query<T>(sql, params)).rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      if (closeOnEnd) await db.close();
    },
  };
}

export async function postgresRunner(url: string): Promise<SqlRunner> {
  const { Client } = (await import("pg")).default;
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  return {
    kind: "postgres",
    async query<T>(sql: string, params: unknown[] = []) {
      return (await client.query(sql, params)).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}

/** Opens a raw runner for the configured backend (scripts only; the app uses the Prisma client). */
export async function openRunner(config: DatabaseConfig): Promise<SqlRunner> {
  if (config.kind === "postgres") return postgresRunner(config.url);
  const { openPglite } = await import("./pglite");
  return pgliteRunner(await openPglite(config.dataDir), { closeOnEnd: true });
}
