// Owns a load run's database: a fresh one per run (temp PGlite folder or a throwaway database on a loopback PostgreSQL),
// the exam's class, students, quiz and assignment, and the after-run verification read straight from the tables.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describeConnectionError, resolveDatabaseConfig } from "@/lib/db/config";
import { readEnv } from "@/lib/env";
import { openRunner, type SqlRunner } from "@/lib/db/sql";
import { hashPassword } from "@/lib/auth/password";
import type { Question } from "@/lib/content/schema";
import { clientResponseToContent, type Presentation } from "@/lib/grading/presentation";
import type { ClientResponse } from "@/lib/grading/response";
import { LoadSetupError, isLoopbackHost, postmasterOf, runStep } from "./app-instances";

export const QUESTION_COUNT = 16;
export const STUDENT_PASSWORD = "load-test-password-2026";
const ASSIGNMENT_ID = "loadassignment";

export type ExamDatabase = {
  kind: "pglite" | "postgres";
  /** What the app processes get: KOZA_DATA_DIR or DATABASE_URL. */
  env: Record<string, string>;
  display: string;
  /** The PostgreSQL server's postmaster pid when it runs on this machine (for CPU accounting). */
  postmasterPid: number | null;
  open: () => Promise<SqlRunner>;
  dispose: () => Promise<void>;
};

/** Refuses a non-loopback server, then creates koza_load_<pid> on it (PostgreSQL) or a temp folder (PGlite). */
export async function createExamDatabase(root: string, serverUrl: string | undefined): Promise<ExamDatabase> {
  if (!serverUrl) {
    const dir = mkdtempSync(path.join(tmpdir(), "koza-load-"));
    const env = { KOZA_DATA_DIR: dir };
    return {
      kind: "pglite",
      env,
      display: `PGlite in ${dir}`,
      postmasterPid: null,
      open: () => openRunner(resolveDatabaseConfig(readEnv(env))),
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const config = resolveDatabaseConfig(readEnv({ DATABASE_URL: serverUrl }));
  if (config.kind !== "postgres") throw new LoadSetupError("DATABASE_URL is not a PostgreSQL URL");
  const url = new URL(serverUrl);
  const host = url.hostname || url.searchParams.get("host") || "";
  if (!isLoopbackHost(host))
    throw new LoadSetupError(
      `DATABASE_URL points at ${host}, which is not this machine; the load test runs against a loopback PostgreSQL only`,
    );
  const admin = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new LoadSetupError(describeConnectionError(error, config));
  }
  const name = `koza_load_${process.pid}`;
  let postmasterPid: number | null = null;
  try {
    const [{ pid }] = (await admin.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows;
    postmasterPid = postmasterOf(pid);
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  const appUrl = url.toString();
  return {
    kind: "postgres",
    env: { DATABASE_URL: appUrl },
    display: `PostgreSQL ${config.display.replace(/\/[^/]*$/, "")}/${name}`,
    postmasterPid,
    open: () => openRunner(resolveDatabaseConfig(readEnv({ DATABASE_URL: appUrl }))),
    dispose: async () => {
      const c = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5000 });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Migrates and seeds the course the way `npm start` does (scripts/db-setup.ts), in a child process with the run's env. */
export async function migrateAndSeed(root: string, env: NodeJS.ProcessEnv): Promise<void> {
  const tsx = path.join(root, "node_modules", ".bin", "tsx");
  const r = await runStep(tsx, ["--conditions=react-server", "scripts/db-setup.ts"], { cwd: root, env, timeoutMs: 300_000 });
  if (r.code !== 0) throw new LoadSetupError(`preparing the database failed: ${r.output.trim().split("\n").at(-1) || "no output"}`);
}

export type ExamFixture = { assignmentId: string; emails: string[] };

/**
 * The exam: one instructor, one class of N students (one shared password hash: hashing N times would only time
 * argon2), a class quiz drawing 16 questions from every topic, assigned with free navigation and no time limit.
 */
export async function seedExam(db: SqlRunner, students: number): Promise<ExamFixture> {
  const hash = await hashPassword(STUDENT_PASSWORD);
  await db.query(
    `INSERT INTO "User" (id, email, name, role) VALUES ('loadteacher', 'load-teacher@load.test', 'Load Teacher', 'INSTRUCTOR')`,
  );
  await db.query(
    `INSERT INTO "Class" (id, name, "joinCode", "ownerId") VALUES ('loadclass', 'Load exam class', 'LOAD-EXAM-0001', 'loadteacher')`,
  );
  await db.query(`INSERT INTO "ClassInstructor" ("classId", "userId") VALUES ('loadclass', 'loadteacher')`);
  await db.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash")
     SELECT 'loadstudent' || i, 'load-student-' || i || '@load.test', 'Load Student ' || i, 'LEARNER', $1
     FROM generate_series(1, $2::int) AS i`,
    [hash, students],
  );
  await db.query(
    `INSERT INTO "Enrollment" ("classId", "userId") SELECT 'loadclass', 'loadstudent' || i FROM generate_series(1, $1::int) AS i`,
    [students],
  );
  await db.query(
    `INSERT INTO "Quiz" (id, slug, title, kind, "topicSlugs", "questionCount", "questionKeys", "classId", "createdById")
     SELECT 'loadquiz', 'load-exam-quiz', 'Load exam', 'MIXED', array_agg(slug ORDER BY "order"), $1, '{}', 'loadclass', 'loadteacher'
     FROM "Topic" WHERE "retiredAt" IS NULL`,
    [QUESTION_COUNT],
  );
  await db.query(`INSERT INTO "Assignment" (id, "classId", "quizId", "updatedAt") VALUES ($1, 'loadclass', 'loadquiz', now())`, [
    ASSIGNMENT_ID,
  ]);
  return { assignmentId: ASSIGNMENT_ID, emails: Array.from({ length: students }, (_, i) => `load-student-${i + 1}@load.test`) };
}

/**
 * Students who only join the synchronized start (`--start-burst`): enrolled, already signed in (the harness mints
 * their session cookies), no password. Their ids are loadburst1…M.
 */
export async function seedBurst(db: SqlRunner, students: number): Promise<string[]> {
  if (students === 0) return [];
  await db.query(
    `INSERT INTO "User" (id, email, name, role) SELECT 'loadburst' || i, 'load-burst-' || i || '@load.test', 'Burst Student ' || i, 'LEARNER'
     FROM generate_series(1, $1::int) AS i`,
    [students],
  );
  await db.query(
    `INSERT INTO "Enrollment" ("classId", "userId") SELECT 'loadclass', 'loadburst' || i FROM generate_series(1, $1::int) AS i`,
    [students],
  );
  return Array.from({ length: students }, (_, i) => `loadburst${i + 1}`);
}

/** Burst students who do not have exactly one open attempt holding every question of the quiz. */
export async function verifyBurst(db: SqlRunner, assignmentId: string): Promise<{ students: number; problems: string[] }> {
  const rows = await db.query<{ id: string; attempts: number; items: number }>(
    `SELECT u.id, count(DISTINCT a.id)::int AS attempts, count(ai.id)::int AS items
     FROM "User" u LEFT JOIN "Attempt" a ON a."userId" = u.id AND a."assignmentId" = $1
     LEFT JOIN "AttemptItem" ai ON ai."attemptId" = a.id
     WHERE u.id LIKE 'loadburst%' GROUP BY u.id`,
    [assignmentId],
  );
  const problems = rows
    .filter((r) => r.attempts !== 1 || r.items !== QUESTION_COUNT)
    .map((r) => `${r.id}: ${r.attempts} attempts, ${r.items} questions`);
  return { students: rows.length, problems };
}

// ---------- verification ----------

export type Verification = {
  students: number;
  /** Students with exactly one FINISHED, graded attempt whose items and review log were written once. */
  gradedOnce: number;
  problems: string[];
  answersGiven: number;
  lostAnswers: number;
  /** Students whose review page, right after submit, showed the score stored in the database. */
  reviewPageAgrees: number;
};

/** JSON with sorted keys, so a stored jsonb value and the expected answer compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object")
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(v);
}

/**
 * Checks, from the tables: each student has exactly one attempt at the assignment, FINISHED, with totals set and
 * equal to the sum of its graded items; one QUIZ review-log row per item (grading ran once); and every last answer
 * the student gave is the stored response (mapped from the attempt's opaque ids through its stored presentation).
 */
export async function verifyExam(
  db: SqlRunner,
  assignmentId: string,
  seen: Map<string, { lastAnswers: Map<number, ClientResponse>; reviewPoints: number | null }>,
): Promise<Verification> {
  const problems: string[] = [];
  const attempts = await db.query<{
    email: string;
    userId: string;
    id: string | null;
    status: string | null;
    points: number | null;
    fraction: number | null;
  }>(
    `SELECT u.email, u.id AS "userId", a.id, a.status::text, a.points, a.fraction
     FROM "User" u LEFT JOIN "Attempt" a ON a."userId" = u.id AND a."assignmentId" = $1
     WHERE u.email LIKE 'load-student-%' ORDER BY u.email`,
    [assignmentId],
  );
  const items = await db.query<{
    attemptId: string;
    position: number;
    presentation: unknown;
    response: unknown;
    points: number | null;
    fraction: number | null;
    questionVersionId: string;
    data: unknown;
  }>(
    `SELECT ai."attemptId", ai.position, ai.presentation, ai.response, ai.points, ai.fraction, ai."questionVersionId", qv.data
     FROM "AttemptItem" ai JOIN "QuestionVersion" qv ON qv.id = ai."questionVersionId"
     JOIN "Attempt" a ON a.id = ai."attemptId" WHERE a."assignmentId" = $1`,
    [assignmentId],
  );
  const logs = await db.query<{ userId: string; questionVersionId: string; n: string }>(
    `SELECT c."userId", rl."questionVersionId", count(*)::text AS n
     FROM "ReviewLog" rl JOIN "ReviewCard" c ON c.id = rl."cardId"
     WHERE rl.source = 'QUIZ' AND c."userId" LIKE 'loadstudent%' GROUP BY 1, 2`,
  );
  const parse = <T>(v: unknown): T => (typeof v === "string" ? JSON.parse(v) : v) as T;
  const itemsByAttempt = new Map<string, typeof items>();
  for (const it of items) {
    const list = itemsByAttempt.get(it.attemptId) ?? [];
    list.push(it);
    itemsByAttempt.set(it.attemptId, list);
  }
  const logsByUser = new Map<string, Map<string, number>>();
  for (const l of logs) {
    const m = logsByUser.get(l.userId) ?? new Map<string, number>();
    m.set(l.questionVersionId, Number(l.n));
    logsByUser.set(l.userId, m);
  }
  const byEmail = new Map<string, typeof attempts>();
  for (const a of attempts) byEmail.set(a.email, [...(byEmail.get(a.email) ?? []), ...(a.id ? [a] : [])]);

  let gradedOnce = 0;
  let answersGiven = 0;
  let lostAnswers = 0;
  let reviewPageAgrees = 0;
  for (const [email, rows] of byEmail) {
    const given = seen.get(email)?.lastAnswers ?? new Map<number, ClientResponse>();
    answersGiven += given.size;
    if (rows.length !== 1) {
      problems.push(`${email}: ${rows.length} attempts`);
      lostAnswers += given.size;
      continue;
    }
    const a = rows[0];
    const its = itemsByAttempt.get(a.id!) ?? [];
    const userLogs = logsByUser.get(attempts.find((r) => r.email === email)!.userId) ?? new Map<string, number>();
    const sum = its.reduce((s, i) => s + (i.points ?? 0), 0);
    const itemProblems: string[] = [];
    if (a.status !== "FINISHED") itemProblems.push(`status ${a.status}`);
    if (a.points === null || a.fraction === null) itemProblems.push("totals not set");
    else if (Math.abs(a.points - sum) > 1e-9) itemProblems.push(`total ${a.points} ≠ sum of items ${sum}`);
    if (its.some((i) => i.fraction === null)) itemProblems.push("an item was not graded");
    const logRows = [...userLogs.values()].reduce((s, n) => s + n, 0);
    if (its.some((i) => userLogs.get(i.questionVersionId) !== 1) || logRows !== its.length)
      itemProblems.push(`${logRows} review-log rows for ${its.length} items`);
    const shown = seen.get(email)?.reviewPoints;
    if (shown !== null && shown !== undefined && a.points !== null && Math.abs(shown - a.points) < 0.006) reviewPageAgrees += 1;
    if (itemProblems.length) problems.push(`${email}: ${itemProblems.join("; ")}`);
    else gradedOnce += 1;

    for (const [position, answer] of given) {
      const item = its.find((i) => i.position === position);
      const expected = item ? clientResponseToContent(parse<Question>(item.data), parse<Presentation>(item.presentation), answer) : null;
      const stored = item?.response === null || item?.response === undefined ? null : parse<unknown>(item.response);
      if (!expected?.ok || stored === null || canonical(expected.response) !== canonical(stored)) {
        lostAnswers += 1;
        if (problems.length < 50) problems.push(`${email}: answer to question ${position + 1} not stored`);
      }
    }
  }
  return { students: byEmail.size, gradedOnce, problems, answersGiven, lostAnswers, reviewPageAgrees };
}
