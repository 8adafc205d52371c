// The instructor's score table, drill-down and item statistics against the real database: the one SQL aggregation
// equals a naive TypeScript recomputation on random data; its pages, sorts and searches equal the whole table
// sorted, filtered and sliced in TypeScript; the streamed CSV equals the table; item statistics computed from SQL
// aggregates equal lib/stats run on the same attempts in memory; and an instructor of another class gets
// "not found" everywhere.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { NotFoundError } from "@/lib/dal/errors";
import { getClassScorePage, getClassScoreTable, streamClassScoreRows, type StudentScoreRowDTO } from "@/lib/dal/score-table";
import { getStudentAttemptsForInstructor } from "@/lib/dal/student-attempts";
import { getItemStatistics } from "@/lib/dal/item-statistics";
import { binPercentages } from "@/lib/stats/histogram";
import { DEFAULT_SCORE_TABLE_QUERY, type ScoreTableQuery } from "@/lib/stats/score-table-query";
import type { Question } from "@/lib/content/schema";
import { aggregateAttempts, type GradingMethod } from "@/lib/stats/grading-methods";
import { computeItemAnalysis, countOptionChoices, type AttemptScores } from "@/lib/stats/item-statistics";
import { GET as scoresCsvGET } from "@/app/teach/classes/[id]/scores.csv/route";
import StudentPage from "@/app/teach/classes/[id]/students/[studentId]/page";
import ItemsPage from "@/app/teach/classes/[id]/items/page";
import { settle } from "@/tests/support/next";
import { seededRandom } from "@/tests/support/seeded-random";
import { truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { createAssignment, createClassWith, createUser, quizId, seedCourse } from "./support/fixtures";
import type { AttemptStatus } from "@/lib/generated/prisma/enums";

const database = withTestDatabase();

type Item = { questionKey: string; topicSlug: string; points: number | null; maxPoints: number; response: unknown };
type Att = {
  id: string;
  userId: string;
  assignmentId: string;
  number: number;
  status: AttemptStatus;
  startedAt: Date;
  finishedAt: Date | null;
  fraction: number | null;
  items: Item[];
};
type Asg = { id: string; quizSlug: string; method: GradingMethod; dueAt: Date | null };

const SEED = 20250101;
const now = Date.now();
let instructor: Awaited<ReturnType<typeof createUser>>;
let otherInstructor: Awaited<ReturnType<typeof createUser>>;
let students: Awaited<ReturnType<typeof createUser>>[];
let classId: string;
let assignments: Asg[];
let attempts: Att[];

beforeAll(async () => {
  const t = database();
  await truncateAll(t);
  await seedCourse();
  const random = seededRandom(SEED);
  instructor = await createUser("INSTRUCTOR", "teacher");
  otherInstructor = await createUser("INSTRUCTOR", "elsewhere");
  students = [];
  for (let i = 0; i < 20; i++) students.push(await createUser("LEARNER", `student${String(i).padStart(2, "0")}`));
  classId = (
    await createClassWith(
      instructor.id,
      students.map((s) => s.id),
      "Scores class",
    )
  ).id;
  await createClassWith(otherInstructor.id, [], "Other class");

  const plan: [string, GradingMethod, Date | null][] = [
    ["postwar-reconstruction-quiz", "HIGHEST", new Date(now - 86_400_000)],
    ["trade-friction-1980s-quiz", "LATEST", null],
    ["plaza-accord-quiz", "AVERAGE", new Date(now + 86_400_000)],
    ["tpp-to-cptpp-quiz", "FIRST", null],
    ["course-review", "AVERAGE", null],
  ];
  assignments = [];
  for (const [slug, method, dueAt] of plan) {
    const a = await createAssignment(classId, slug, { gradingMethod: method, dueAt });
    assignments.push({ id: a.id, quizSlug: slug, method, dueAt });
  }
  // Student 0 (who never starts) has an extended due date on the overdue assignment: the override decides that
  // they are "not started" rather than "overdue".
  await db().assignmentOverride.create({
    data: { assignmentId: assignments[0].id, userId: students[0].id, dueAt: new Date(now + 86_400_000) },
  });

  const questions = await db().question.findMany({
    select: { id: true, key: true, topicSlug: true, currentVersion: { select: { id: true, data: true } } },
  });
  const quizzes = await db().quiz.findMany({ select: { slug: true, topicSlugs: true } });
  const topicsOf = new Map(quizzes.map((q) => [q.slug, q.topicSlugs]));

  attempts = [];
  const attemptRows: Prisma.AttemptCreateManyInput[] = [];
  const itemRows: Prisma.AttemptItemCreateManyInput[] = [];
  for (const [si, s] of students.entries()) {
    for (const asg of assignments) {
      // Student 0 never starts anything; everyone else does 0–4 attempts.
      const count = si === 0 ? 0 : Math.floor(random() * 5);
      const pool = questions.filter((q) => topicsOf.get(asg.quizSlug)!.includes(q.topicSlug));
      for (let n = 1; n <= count; n++) {
        const last = n === count;
        const roll = random();
        const status: Att["status"] = last && roll < 0.15 ? "IN_PROGRESS" : roll > 0.93 ? "ABANDONED" : "FINISHED";
        // Few distinct times, so finishedAt ties happen and the tie-breaks are exercised.
        const startedAt = new Date(now - 10 * 86_400_000 + Math.floor(random() * 4) * 3_600_000);
        const finishedAt = status === "IN_PROGRESS" ? null : new Date(startedAt.getTime() + Math.floor(random() * 3) * 60_000);
        const pending = status === "FINISHED" && random() < 0.05; // an ungraded finished attempt
        const drawn = [...pool].sort(() => random() - 0.5).slice(0, 3 + Math.floor(random() * 4));
        const items: Item[] = drawn.map((q) => {
          const maxPoints = random() < 0.3 ? 2 : 1;
          const f = [0, 0.5, 1, random()][Math.floor(random() * 4)];
          const data = q.currentVersion!.data as unknown as Question;
          const response =
            data.type === "single" ? { type: "single", optionId: data.options[Math.floor(random() * data.options.length)].id } : null;
          return {
            questionKey: q.key,
            topicSlug: q.topicSlug,
            maxPoints,
            points: status === "FINISHED" && !pending ? f * maxPoints : null,
            response,
          };
        });
        const graded = status === "FINISHED" && !pending;
        const points = items.reduce((t, i) => t + (i.points ?? 0), 0);
        const maxPoints = items.reduce((t, i) => t + i.maxPoints, 0);
        const att: Att = {
          id: randomUUID(),
          userId: s.id,
          assignmentId: asg.id,
          number: n,
          status,
          startedAt,
          finishedAt,
          fraction: graded ? points / maxPoints : null,
          items,
        };
        attempts.push(att);
        const qId = await quizId(asg.quizSlug);
        attemptRows.push({
          id: att.id,
          userId: s.id,
          quizId: qId,
          assignmentId: asg.id,
          scope: asg.id,
          number: n,
          status,
          openSlot: status === "IN_PROGRESS" ? `${s.id}:${qId}:${asg.id}` : null,
          startedAt,
          finishedAt,
          points: graded ? points : null,
          maxPoints: graded ? maxPoints : null,
          fraction: att.fraction,
        });
        items.forEach((item, position) => {
          const q = drawn[position];
          itemRows.push({
            attemptId: att.id,
            position,
            questionVersionId: q.currentVersion!.id,
            presentation: {},
            response: (item.response ?? undefined) as Prisma.InputJsonValue | undefined,
            points: item.points,
            maxPoints: item.maxPoints,
            fraction: item.points === null ? null : item.points / item.maxPoints,
          });
        });
      }
    }
  }
  await db().attempt.createMany({ data: attemptRows });
  await db().attemptItem.createMany({ data: itemRows });
}, 120_000);

// ---------- the naive recomputation (the contract documented at the top of lib/dal/score-table.ts) ----------

function countedAttempts(method: GradingMethod, finished: Att[]): Att[] {
  if (finished.length === 0) return [];
  const t = (a: Att) => a.finishedAt!.getTime();
  switch (method) {
    case "AVERAGE":
      return finished.filter((a) => a.fraction !== null);
    case "HIGHEST": {
      const graded = finished.filter((a) => a.fraction !== null);
      if (graded.length === 0) return [finished.sort((a, b) => t(a) - t(b) || a.number - b.number)[0]];
      return [graded.sort((a, b) => b.fraction! - a.fraction! || t(a) - t(b) || a.number - b.number)[0]];
    }
    case "FIRST":
      return [[...finished].sort((a, b) => t(a) - t(b) || a.number - b.number)[0]];
    case "LATEST":
      return [[...finished].sort((a, b) => t(b) - t(a) || b.number - a.number)[0]];
  }
}

function naiveRow(studentId: string) {
  const mine = attempts.filter((a) => a.userId === studentId);
  const grades: number[] = [];
  const topicSums = new Map<string, { fw: number; w: number }>();
  let finishedAssignments = 0;
  let overdue = 0;
  const gradeByAssignment = new Map<string, number | null>();
  for (const asg of assignments) {
    const finished = mine.filter((a) => a.assignmentId === asg.id && a.status === "FINISHED").sort((a, b) => a.number - b.number);
    if (finished.length > 0) finishedAssignments += 1;
    const override = asg === assignments[0] && studentId === students[0].id ? new Date(now + 86_400_000) : null;
    const due = override ?? asg.dueAt;
    if (finished.length === 0 && due && due.getTime() < Date.now()) overdue += 1;
    const grade = aggregateAttempts(
      asg.method,
      finished.map((a) => ({ fraction: a.fraction, finishedAt: a.finishedAt! })),
    );
    gradeByAssignment.set(asg.id, grade);
    if (grade !== null) grades.push(grade);
    const perTopic = new Map<string, { fractions: number[]; maxima: number[] }>();
    for (const a of countedAttempts(asg.method, finished)) {
      if (a.fraction === null) continue;
      const byTopic = new Map<string, { p: number; m: number }>();
      for (const i of a.items) {
        if (i.points === null) continue;
        const x = byTopic.get(i.topicSlug) ?? { p: 0, m: 0 };
        x.p += i.points;
        x.m += i.maxPoints;
        byTopic.set(i.topicSlug, x);
      }
      for (const [slug, { p, m }] of byTopic) {
        if (m <= 0) continue;
        const x = perTopic.get(slug) ?? { fractions: [], maxima: [] };
        x.fractions.push(p / m);
        x.maxima.push(m);
        perTopic.set(slug, x);
      }
    }
    for (const [slug, { fractions, maxima }] of perTopic) {
      const f = fractions.reduce((s, v) => s + v, 0) / fractions.length;
      const w = maxima.reduce((s, v) => s + v, 0) / maxima.length;
      const x = topicSums.get(slug) ?? { fw: 0, w: 0 };
      x.fw += f * w;
      x.w += w;
      topicSums.set(slug, x);
    }
  }
  const times = mine.flatMap((a) => [a.startedAt.getTime(), a.finishedAt?.getTime() ?? -Infinity]);
  const status =
    finishedAssignments === assignments.length ? "finished" : overdue > 0 ? "overdue" : mine.length > 0 ? "in-progress" : "not-started";
  return {
    topicPercents: Object.fromEntries([...topicSums].map(([slug, { fw, w }]) => [slug, (100 * fw) / w])),
    overallPercent: grades.length ? (100 * grades.reduce((s, v) => s + v, 0)) / grades.length : null,
    attemptsUsed: mine.length,
    lastActivity: mine.length ? new Date(Math.max(...times)).toISOString() : null,
    status,
    gradeByAssignment,
  };
}

describe("getClassScoreTable", () => {
  it("equals a naive TypeScript recomputation on random data", async () => {
    const table = await getClassScoreTable(instructor, classId);
    expect(table.rows).toHaveLength(students.length);
    expect(table.topics.map((t) => t.slug)).toEqual(
      expect.arrayContaining(["postwar-reconstruction", "trade-friction-1980s", "plaza-accord", "tpp-to-cptpp", "friend-shoring"]),
    );
    const statuses = new Set<string>();
    for (const row of table.rows) {
      const expected = naiveRow(row.studentId);
      statuses.add(row.status);
      expect(row.attemptsUsed, row.name).toBe(expected.attemptsUsed);
      expect(row.lastActivity, row.name).toBe(expected.lastActivity);
      expect(row.status, row.name).toBe(expected.status);
      if (expected.overallPercent === null) expect(row.overallPercent, row.name).toBeNull();
      else expect(row.overallPercent, row.name).toBeCloseTo(expected.overallPercent, 9);
      expect(Object.keys(row.topicPercents).sort(), row.name).toEqual(Object.keys(expected.topicPercents).sort());
      for (const [slug, p] of Object.entries(expected.topicPercents))
        expect(row.topicPercents[slug], `${row.name} ${slug}`).toBeCloseTo(p, 9);
    }
    // The random data reaches every status, so each branch was compared at least once.
    expect(statuses.has("not-started")).toBe(true);
    expect(statuses.has("overdue")).toBe(true);
  });

  it("the drill-down's summary and per-assignment grades agree with the table", async () => {
    const table = await getClassScoreTable(instructor, classId);
    for (const s of students.slice(0, 6)) {
      const drill = await getStudentAttemptsForInstructor(instructor, classId, s.id);
      const row = table.rows.find((r) => r.studentId === s.id)!;
      // Same numbers; the last bits may differ because the one-student run sums in another order.
      const { overallPercent, topicPercents } = drill.summary;
      expect({ ...drill.summary, overallPercent: 0, topicPercents: {} }).toEqual({ ...row, overallPercent: 0, topicPercents: {} });
      if (row.overallPercent === null) expect(overallPercent).toBeNull();
      else expect(overallPercent).toBeCloseTo(row.overallPercent, 9);
      expect(Object.keys(topicPercents).sort()).toEqual(Object.keys(row.topicPercents).sort());
      for (const [slug, p] of Object.entries(row.topicPercents)) expect(topicPercents[slug]).toBeCloseTo(p, 9);
      expect(drill.attempts).toHaveLength(attempts.filter((a) => a.userId === s.id).length);
      const expected = naiveRow(s.id);
      for (const a of drill.assignments) {
        const g = expected.gradeByAssignment.get(a.id)!;
        if (g === null) expect(a.gradePercent).toBeNull();
        else expect(a.gradePercent).toBeCloseTo(100 * g, 9);
      }
      for (const a of drill.attempts.filter((x) => x.status === "FINISHED"))
        for (const item of a.items) expect(item.key.length).toBeGreaterThan(0);
    }
  });

  it("a student of another class is not found in this one", async () => {
    const stranger = await createUser("LEARNER", "stranger");
    await expect(getStudentAttemptsForInstructor(instructor, classId, stranger.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});

/**
 * Deep equality with numbers compared to 1e-9 relative: the SQL aggregates (var_samp, covar_samp, sums in the
 * database's order) and the in-memory formulas round differently in the last bits, nowhere else.
 */
function expectClose(actual: unknown, expected: unknown, path = "$"): void {
  if (typeof expected === "number" && typeof actual === "number") {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
    return;
  }
  if (expected === null || typeof expected !== "object") {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(actual !== null && typeof actual === "object", path).toBe(true);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) expectClose(a[key], e[key], `${path}.${key}`);
}

// ---------- paging, sorting, searching (the server does it; TypeScript does it here the slow way) ----------

type SortValue = number | string | null;
function sortValue(row: StudentScoreRowDTO, sort: ScoreTableQuery["sort"]): SortValue {
  switch (sort) {
    case "name":
      return row.name;
    case "email":
      return row.email;
    case "overall":
      return row.overallPercent;
    case "attempts":
      return row.attemptsUsed;
    case "lastActivity":
      return row.lastActivity;
    case "status":
      return row.status;
    default:
      return row.topicPercents[sort.slice("topic:".length)] ?? null;
  }
}

/** The whole table, filtered, sorted (missing values last either way; then name, id) and cut, in TypeScript. */
function expectedPage(all: StudentScoreRowDTO[], query: ScoreTableQuery): { rows: string[]; matching: number } {
  const q = query.q.toLowerCase();
  const matching = all.filter((r) => !q || r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q));
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...matching].sort((a, b) => {
    const va = sortValue(a, query.sort);
    const vb = sortValue(b, query.sort);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      const c = typeof va === "number" && typeof vb === "number" ? va - vb : text(String(va), String(vb));
      if (c !== 0) return query.dir === "desc" ? -c : c;
    }
    return text(a.name, b.name) || text(a.studentId, b.studentId);
  });
  const start = (query.page - 1) * query.size;
  return { rows: sorted.slice(start, start + query.size).map((r) => r.studentId), matching: matching.length };
}

describe("getClassScorePage", () => {
  const query = (q: Partial<ScoreTableQuery>): ScoreTableQuery => ({ ...DEFAULT_SCORE_TABLE_QUERY, size: 25, ...q });

  it("pages, sorts and searches in SQL exactly as the whole table would be in TypeScript", async () => {
    const table = await getClassScoreTable(instructor, classId);
    const cases: Partial<ScoreTableQuery>[] = [
      {},
      { page: 2 },
      { dir: "desc" },
      { sort: "email", page: 2 },
      { sort: "overall", dir: "desc" },
      { sort: "overall", page: 2 },
      { sort: "attempts", dir: "desc", page: 3 },
      { sort: "lastActivity" },
      { sort: "status", dir: "desc" },
      { sort: "topic:plaza-accord", dir: "desc", page: 2 },
      { sort: "topic:postwar-reconstruction" },
      { q: "STUDENT1" },
      { q: "student0", sort: "overall", dir: "desc" },
      { q: "nobody-by-this-name" },
    ];
    // Small pages over 20 students, so every case crosses page boundaries.
    for (const c of cases) {
      for (const size of [25, 7]) {
        const q = query({ ...c, size: size as 25 });
        const page = await getClassScorePage(instructor, classId, q);
        const want = expectedPage(table.rows, { ...q, page: page.query.page });
        const label = JSON.stringify(q);
        expect(
          page.rows.map((r) => r.studentId),
          label,
        ).toEqual(want.rows);
        expect(page.matching, label).toBe(want.matching);
        expect(page.classSize, label).toBe(students.length);
        expect(page.pageCount, label).toBe(Math.max(1, Math.ceil(want.matching / q.size)));
        // The page's rows are the table's rows, number for number.
        for (const r of page.rows)
          expectClose(
            r,
            table.rows.find((x) => x.studentId === r.studentId),
            label,
          );
      }
    }
  });

  it("a page past the end shows the last page; an unknown topic sorts by name; wildcards are literal", async () => {
    const last = await getClassScorePage(instructor, classId, query({ page: 999, size: 7 as 25 }));
    expect(last.query.page).toBe(3);
    expect(last.rows).toHaveLength(20 - 14);
    const unknown = await getClassScorePage(instructor, classId, query({ sort: "topic:no-such-topic" }));
    expect(unknown.query.sort).toBe("name");
    expect((await getClassScorePage(instructor, classId, query({ q: "%" }))).matching).toBe(0);
    expect((await getClassScorePage(instructor, classId, query({ q: "_" }))).matching).toBe(0);
  });

  it("charts the whole class from SQL aggregates, the same as from the whole table", async () => {
    const table = await getClassScoreTable(instructor, classId);
    const page = await getClassScorePage(instructor, classId, query({ q: "student01" }));
    expect(page.summary.mastery.map((m) => m.slug)).toEqual(table.topics.map((t) => t.slug));
    for (const m of page.summary.mastery) {
      const values = table.rows.map((r) => r.topicPercents[m.slug]).filter((v): v is number => v !== undefined);
      expect(m.students, m.slug).toBe(values.length);
      if (values.length === 0) expect(m.meanPercent).toBeNull();
      else expect(m.meanPercent, m.slug).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    }
    const overall = table.rows.map((r) => r.overallPercent).filter((p): p is number => p !== null);
    expect(page.summary.gradedStudents).toBe(overall.length);
    expect(page.summary.histogram).toEqual(binPercentages(overall));
  });

  it("streams the CSV rows in keyset batches that add up to the table", async () => {
    const table = await getClassScoreTable(instructor, classId);
    const { topics, batches } = await streamClassScoreRows(instructor, classId, { batchSize: 3 });
    expect(topics).toEqual(table.topics);
    const sizes: number[] = [];
    const rows: StudentScoreRowDTO[] = [];
    for await (const batch of batches) {
      sizes.push(batch.length);
      rows.push(...batch);
    }
    expect(sizes).toEqual([3, 3, 3, 3, 3, 3, 2]);
    expectClose(rows, table.rows);
  });

  it("another class's instructor gets not found for a page and for the stream", async () => {
    await expect(getClassScorePage(otherInstructor, classId, query({}))).rejects.toBeInstanceOf(NotFoundError);
    await expect(streamClassScoreRows(otherInstructor, classId)).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("getItemStatistics", () => {
  function chosenAttempts(asgId: string, all: boolean): Att[] {
    const finished = attempts
      .filter((a) => a.assignmentId === asgId && a.status === "FINISHED")
      .sort((a, b) => a.finishedAt!.getTime() - b.finishedAt!.getTime() || a.number - b.number || (a.id < b.id ? -1 : 1));
    if (all) return finished;
    const seen = new Set<string>();
    return finished.filter((a) => !seen.has(a.userId) && Boolean(seen.add(a.userId)));
  }

  function toScores(a: Att): AttemptScores {
    return {
      attemptId: a.id,
      totalScore: a.items.reduce((t, i) => t + (i.points ?? 0), 0),
      items: a.items.map((i) => ({ itemKey: i.questionKey, score: i.points ?? 0, maxScore: i.maxPoints })),
    };
  }

  for (const all of [false, true]) {
    it(`from SQL aggregates, matches lib/stats run on the same attempts in memory (${all ? "all" : "FIRST"} attempts)`, async () => {
      const stats = await getItemStatistics(instructor, classId, { allAttempts: all });
      expect(stats.quizzes).toHaveLength(assignments.length);
      for (const quiz of stats.quizzes) {
        const chosen = chosenAttempts(quiz.assignmentId, all);
        const expected = computeItemAnalysis(chosen.map(toScores));
        expectClose(quiz.quiz, expected.quiz);
        expectClose(
          quiz.items.map(
            ({ prompt, type, topicTitle, distractors, versions, question, ...rest }) => (
              void [prompt, type, topicTitle, distractors, versions, question],
              rest
            ),
          ),
          expected.items,
        );
        for (const item of quiz.items) {
          if (!item.distractors) continue;
          const responses = chosen.flatMap((a) =>
            a.items
              .filter((i) => i.questionKey === item.itemKey)
              .map((i) => ({
                attemptId: a.id,
                chosenOptionIds: [(i.response as { optionId: string } | null)?.optionId].filter((x): x is string => Boolean(x)),
              })),
          );
          const counts = countOptionChoices(
            responses,
            item.distractors.map((d) => d.optionId),
          );
          expectClose(
            item.distractors.map((d) => ({ optionId: d.optionId, count: d.count, percentOfAttempts: d.percentOfAttempts })),
            counts,
          );
        }
      }
      // Not vacuous: the random data gives defined correlations, efficiencies and reliabilities to compare.
      const items = stats.quizzes.flatMap((q) => q.items);
      expect(items.filter((i) => i.discriminationIndex.value !== null).length).toBeGreaterThan(5);
      expect(items.filter((i) => i.discriminativeEfficiency.value !== null).length).toBeGreaterThan(5);
      expect(items.filter((i) => (i.distractors ?? []).some((d) => d.count > 0)).length).toBeGreaterThan(3);
      if (all) expect(stats.quizzes.filter((q) => q.quiz.cic.value !== null).length).toBeGreaterThan(0);
    });
  }
});

describe("another class's instructor gets not found", () => {
  it("for the table, the drill-down and the item statistics", async () => {
    await expect(getClassScoreTable(otherInstructor, classId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStudentAttemptsForInstructor(otherInstructor, classId, students[3].id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getItemStatistics(otherInstructor, classId, { allAttempts: false })).rejects.toBeInstanceOf(NotFoundError);
  });

  it("for the CSV route and the pages", async () => {
    const params = Promise.resolve({ id: classId });
    signInAs(otherInstructor.id);
    try {
      const csv = await settle(() => scoresCsvGET(new Request(`http://koza.test/teach/classes/${classId}/scores.csv`), { params }));
      expect(csv.kind === "not-found" || (csv.kind === "value" && (csv.value as Response).status === 404)).toBe(true);
      expect((await settle(() => StudentPage({ params: Promise.resolve({ id: classId, studentId: students[3].id }) }))).kind).toBe(
        "not-found",
      );
      expect((await settle(() => ItemsPage({ params, searchParams: Promise.resolve({}) }))).kind).toBe("not-found");
    } finally {
      signInAs(null);
    }
  });

  it("the class's own instructor gets the full CSV, one line per student", async () => {
    signInAs(instructor.id);
    try {
      const res = await scoresCsvGET(new Request(`http://koza.test/teach/classes/${classId}/scores.csv`), {
        params: Promise.resolve({ id: classId }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/csv/);
      const text = await res.text();
      const lines = text.trim().split(/\r?\n/);
      expect(lines).toHaveLength(students.length + 1);
      expect(lines[0]).toMatch(/^Name,Email,/);
    } finally {
      signInAs(null);
    }
  });

  it("the streamed CSV still defuses spreadsheet formulas in names", async () => {
    const teacher = await createUser("INSTRUCTOR", "csv-teacher");
    const evil = await createUser("LEARNER", '=HYPERLINK("http://evil.test","x")');
    const plus = await createUser("LEARNER", "+SUM(1,2)");
    const { id } = await createClassWith(teacher.id, [evil.id, plus.id], "CSV class");
    await createAssignment(id, "plaza-accord-quiz");
    signInAs(teacher.id);
    try {
      const res = await scoresCsvGET(new Request(`http://koza.test/teach/classes/${id}/scores.csv`), { params: Promise.resolve({ id }) });
      expect(res.body).toBeInstanceOf(ReadableStream);
      const lines = (await res.text()).trim().split("\r\n");
      expect(lines).toHaveLength(3);
      expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["\"'+SUM(1", '"\'=HYPERLINK(""http://evil.test""']);
    } finally {
      signInAs(null);
    }
  });
});
