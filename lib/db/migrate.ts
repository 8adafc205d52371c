// Owns applying prisma/migrations without Prisma's native schema engine: in order, each in a transaction,
// under an advisory lock, recorded in Prisma's own _prisma_migrations format so `prisma migrate status` agrees.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { SqlRunner } from "./sql";

export const MIGRATIONS_DIR = path.join(process.cwd(), /*turbopackIgnore: true*/ "prisma", "migrations");

/** Any fixed 64-bit number works; every Koza instance must use the same one. */
const ADVISORY_LOCK_KEY = 7_262_615_001;

export type Migration = { name: string; sql: string; checksum: string };
export type MigrateResult = { applied: string[]; alreadyApplied: number; warnings: string[] };

export class MigrationError extends Error {
  name = "MigrationError";
  constructor(
    readonly migration: string,
    readonly databaseMessage: string,
  ) {
    super(`migration ${migration} failed and was rolled back: ${databaseMessage}`);
  }
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

// Prisma's own table, column for column (see prisma-engines' migration-persistence).
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

// PGlite is one session shared by the whole process, where an advisory lock is re-entrant:
// appliers in the same process are serialised here as well.
const inProcess = new WeakMap<object, Promise<unknown>>();
async function serialised<T>(key: object, fn: () => Promise<T>): Promise<T> {
  const previous = inProcess.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(fn);
  inProcess.set(key, run);
  return run;
}

export async function applyMigrations(
  runner: SqlRunner & { lockScope?: object },
  migrations: Migration[] = readMigrations(),
): Promise<MigrateResult> {
  return serialised(runner.lockScope ?? runner, async () => {
    await runner.query("SELECT pg_advisory_lock($1)", [ADVISORY_LOCK_KEY]);
    try {
      await runner.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await runner.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      );
      const warnings: string[] = [];
      const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
      const failed = rows.find((r) => !r.finished_at);
      if (failed)
        throw new MigrationError(
          failed.migration_name,
          "it is recorded as failed in _prisma_migrations; fix the database and mark it rolled back",
        );
      for (const m of migrations)
        if (done.has(m.name) && done.get(m.name) !== m.checksum)
          warnings.push(`migration ${m.name} was edited after it was applied (checksum differs)`);
      const pending = migrations.filter((m) => !done.has(m.name));
      const applied: string[] = [];
      for (const m of pending) {
        const startedAt = new Date();
        try {
          await runner.exec("BEGIN");
          await runner.exec(m.sql);
          await runner.query(
            `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, logs, started_at, applied_steps_count)
             VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
            [randomUUID(), m.checksum, m.name, startedAt],
          );
          await runner.exec("COMMIT");
          applied.push(m.name);
        } catch (e) {
          await runner.exec("ROLLBACK").catch(() => undefined);
          throw new MigrationError(m.name, String((e as Error).message).replace(/\n[\s\S]*$/, ""));
        }
      }
      return { applied, alreadyApplied: migrations.length - pending.length, warnings };
    } finally {
      await runner.query("SELECT pg_advisory_unlock($1)", [ADVISORY_LOCK_KEY]).catch(() => undefined);
    }
  });
}
