// A real, freshly migrated database for integration tests: PGlite in memory by default, PostgreSQL when
// TEST_DATABASE_URL is set (a private database per worker, dropped at the end).
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createPrismaClient, setDbForTests, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/migrate";
import { pgliteRunner, postgresRunner, type SqlRunner } from "@/lib/db/sql";

export const usingPostgres = Boolean(process.env.TEST_DATABASE_URL);

export type TestDatabase = { db: Db; runner: SqlRunner; kind: "pglite" | "postgres"; url?: string };

/** A fresh, empty, migrated database of the configured kind (not installed as the app's client). */
export async function createFreshDatabase(): Promise<TestDatabase & { dispose: () => Promise<void> }> {
  if (!usingPostgres) {
    const pglite = new PGlite();
    const runner = pgliteRunner(pglite);
    await applyMigrations(runner);
    const db = createPrismaClient(new PrismaPGlite(pglite));
    return { db, runner, kind: "pglite", dispose: async () => pglite.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const runner = await postgresRunner(url);
  await applyMigrations(runner);
  const db = createPrismaClient(new PrismaPg({ connectionString: url, max: 60 }));
  return {
    db,
    runner,
    kind: "postgres",
    url,
    dispose: async () => {
      await db.$disconnect();
      await runner.close();
      await drop();
    },
  };
}

/** An empty database on the TEST_DATABASE_URL server, unique to this worker and file. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  const name = `koza_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Installs a fresh database as the app's client for this test file; call once at the top of the file. */
export function withTestDatabase(): () => TestDatabase {
  let t: (TestDatabase & { dispose: () => Promise<void> }) | null = null;
  beforeAll(async () => {
    t = await createFreshDatabase();
    setDbForTests(t.db, t.kind === "pglite" ? { kind: "pglite", dataDir: ":memory:" } : { kind: "postgres", url: t.url!, display: "test" });
  });
  afterAll(async () => {
    await t?.dispose();
  });
  return () => {
    if (!t) throw new Error("withTestDatabase: the database is created in beforeAll");
    return t;
  };
}

/**
 * Request counters (lib/dal/rate-limits.ts): a refused request still counts toward its limit by design, so "nothing
 * changed" comparisons leave these out.
 */
export const REQUEST_COUNTER_TABLES = ["RateLimit"];

/** The course content tables: tests that seed content once keep them across resets. */
export const CONTENT_TABLES = ["Topic", "Lesson", "Question", "QuestionVersion", "Quiz"];

/** Empties every table but the migration record (and any `keep`), so each test starts from nothing. */
export async function truncateAll(t: TestDatabase, { keep = [] as string[] } = {}): Promise<void> {
  const tables = (
    await t.runner.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'`,
    )
  ).filter((r) => !keep.includes(r.tablename));
  if (tables.length === 0) return;
  if (keep.length === 0) {
    await t.runner.exec(`TRUNCATE ${tables.map((r) => `"${r.tablename}"`).join(", ")} CASCADE`);
    return;
  }
  // TRUNCATE … CASCADE would also empty kept tables that reference these (a class's own quizzes reference Class),
  // so delete row by row with foreign-key triggers off, then drop kept rows that now point at nothing.
  await t.runner.exec("BEGIN");
  try {
    await t.runner.exec("SET LOCAL session_replication_role = replica");
    for (const r of tables) await t.runner.exec(`DELETE FROM "${r.tablename}"`);
    await t.runner.exec(`DELETE FROM "Quiz" WHERE "classId" IS NOT NULL`);
    // Instructors' bank questions belong to the (now empty) banks, not to the course content.
    if (keep.includes("Question")) {
      await t.runner.exec(`DELETE FROM "QuestionVersion" WHERE "questionId" IN (SELECT id FROM "Question" WHERE "bankId" IS NOT NULL)`);
      await t.runner.exec(`DELETE FROM "Question" WHERE "bankId" IS NOT NULL`);
    }
    await t.runner.exec("COMMIT");
  } catch (error) {
    await t.runner.exec("ROLLBACK");
    throw error;
  }
}
