// The migration applier on a real database: fresh apply, no-op re-apply, concurrent appliers, rollback on failure,
// and no drift between the committed migration chain and prisma/schema.prisma.
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { applyMigrations, MigrationError, readMigrations } from "@/lib/db/migrate";
import { pgliteRunner, postgresRunner, type SqlRunner } from "@/lib/db/sql";
import { createPostgresDatabase, usingPostgres } from "./support/database";
// @ts-expect-error plain ESM helper shared with scripts/db-diff.mjs
import { diffSchemas, readSchema } from "../../scripts/lib/prisma-diff.mjs";

type Fresh = { runner: SqlRunner; second: () => Promise<SqlRunner>; dispose: () => Promise<void> };

/** An empty database of the configured kind, plus a way to open a second, independent connection to it. */
async function emptyDatabase(): Promise<Fresh> {
  if (!usingPostgres) {
    const pglite = new PGlite();
    return { runner: pgliteRunner(pglite), second: async () => pgliteRunner(pglite), dispose: () => pglite.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const opened: SqlRunner[] = [];
  const open = async () => {
    const r = await postgresRunner(url);
    opened.push(r);
    return r;
  };
  const runner = await open();
  return {
    runner,
    second: open,
    dispose: async () => {
      for (const r of opened) await r.close();
      await drop();
    },
  };
}

/** Tables, columns, constraints, indexes and enums: what "the schema" means for drift. */
async function describeSchema(runner: SqlRunner): Promise<string> {
  const parts = await Promise.all([
    runner.query(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default
                  FROM information_schema.columns WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'
                  ORDER BY table_name, column_name`),
    runner.query(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
                  FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
                  AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY 1, 2`),
    runner.query(`SELECT tablename, indexname, indexdef FROM pg_indexes
                  WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
    runner.query(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY 1, e.enumsortorder`),
  ]);
  return JSON.stringify(parts, null, 1);
}

describe("migration applier", () => {
  it("applies every migration to an empty database and records it in Prisma's format", async () => {
    const db = await emptyDatabase();
    try {
      const result = await applyMigrations(db.runner);
      expect(result.applied).toEqual(readMigrations().map((m) => m.name));
      const rows = await db.runner.query<{
        migration_name: string;
        checksum: string;
        finished_at: Date | null;
        applied_steps_count: number;
      }>(`SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`);
      expect(rows.map((r) => r.migration_name)).toEqual(result.applied);
      expect(rows.every((r) => r.finished_at !== null && /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
      const tables = await db.runner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'Attempt'`,
      );
      expect(tables[0].n).toBe(1);

      const again = await applyMigrations(db.runner);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toBe(result.applied.length);
    } finally {
      await db.dispose();
    }
  });

  it("applies each migration once when two appliers start together", async () => {
    const db = await emptyDatabase();
    try {
      const other = await db.second();
      const [a, b] = await Promise.all([applyMigrations(db.runner), applyMigrations(other)]);
      expect([...a.applied, ...b.applied].sort()).toEqual(readMigrations().map((m) => m.name));
      const rows = await db.runner.query<{ n: number }>(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(rows[0].n).toBe(readMigrations().length);
    } finally {
      await db.dispose();
    }
  });

  it("rolls a failing migration back, names it, and leaves the database as it was", async () => {
    const db = await emptyDatabase();
    try {
      const good = readMigrations();
      await applyMigrations(db.runner, good);
      const before = await describeSchema(db.runner);
      const broken = {
        name: "29990101000000_broken",
        sql: `CREATE TABLE "Half" (id int);\nALTER TABLE "NoSuchTable" ADD COLUMN x int;`,
        checksum: "0".repeat(64),
      };
      const failure = await applyMigrations(db.runner, [...good, broken]).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(MigrationError);
      expect((failure as MigrationError).migration).toBe("29990101000000_broken");
      expect((failure as MigrationError).message).toMatch(/NoSuchTable/);
      expect(await describeSchema(db.runner)).toBe(before);
      const recorded = await db.runner.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name]);
      expect(recorded).toHaveLength(0);
    } finally {
      await db.dispose();
    }
  });

  it("produces exactly the schema that prisma/schema.prisma describes (no drift)", async () => {
    const chain = await emptyDatabase();
    const direct = await emptyDatabase();
    try {
      await applyMigrations(chain.runner);
      const fromEmpty: string = diffSchemas(null, readSchema());
      expect(fromEmpty).toMatch(/CREATE TABLE "User"/);
      await direct.runner.exec(fromEmpty);
      expect(await describeSchema(chain.runner)).toBe(await describeSchema(direct.runner));
    } finally {
      await chain.dispose();
      await direct.dispose();
    }
  }, 180_000); // runs Prisma 6's schema engine twice: slow on a busy 2-core machine
});
