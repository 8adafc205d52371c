// The class page stays small at any class size: with 2,000 students it renders one page of the score table and
// one page of the roster, so its HTML is about what it is for 20 students. Measured on the server-rendered HTML
// (React's own renderer, client components included). Next adds its inline RSC payload on top; `npm run bench`
// (with --js) weighs the whole response of a real `next start` for a 2,000-student class (bench/first-load-js.ts).
import { beforeAll, describe, expect, it, vi } from "vitest";
import ClassScoresPage from "@/app/teach/classes/[id]/scores/page";
import ClassStudentsPage from "@/app/teach/classes/[id]/students/page";
import ClassAssignmentsPage from "@/app/teach/classes/[id]/assignments/page";
import { truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";
import { createAssignment, createClassWith, createUser, seedCourse } from "./support/fixtures";
import { renderPageHtml } from "./support/render-page";

vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  useRouter: () => ({ push: () => undefined, replace: () => undefined, refresh: () => undefined, prefetch: () => undefined }),
  usePathname: () => "/teach/classes/test",
  useSearchParams: () => new URLSearchParams(),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000" }) }));
const database = withTestDatabase();
const PAGE_BUDGET = 200 * 1024;
/** What one page of score-table rows plus one page of roster rows may add over a class of 20. */
const PAGE_OF_STUDENTS = 48 * 1024;

let instructorId: string;
let bigClass: string;
let smallClass: string;

/** N students in a new class, each with one finished, graded attempt at each of its five assignments (bulk SQL). */
async function seedClass(n: number, prefix: string): Promise<string> {
  const t = database();
  const { id } = await createClassWith(instructorId, [], `${prefix} class`);
  // Five topic quizzes: a class's page grows with its topics (score columns) and assignments (override forms).
  const asgs = [];
  for (const slug of [
    "postwar-reconstruction-quiz",
    "trade-friction-1980s-quiz",
    "plaza-accord-quiz",
    "tpp-to-cptpp-quiz",
    "friend-shoring-quiz",
  ])
    asgs.push(await createAssignment(id, slug));
  await t.runner.query(
    `INSERT INTO "User" (id, email, name, role)
     SELECT $2 || s, $2 || s || '@size.test', 'Student ' || lpad(s::text, 5, '0') || ' ' || $2, 'LEARNER'
     FROM generate_series(1, $1::int) s`,
    [n, prefix],
  );
  await t.runner.query(`INSERT INTO "Enrollment" ("classId", "userId") SELECT $1, id FROM "User" WHERE id LIKE $2 || '%'`, [id, prefix]);
  for (const a of asgs)
    await t.runner.query(
      `INSERT INTO "Attempt" (id, "userId", "quizId", "assignmentId", scope, number, status, "startedAt", "finishedAt", points, "maxPoints", fraction)
       SELECT a.id || u.id, u.id, a."quizId", a.id, a.id, 1, 'FINISHED', now() - interval '1 day', now(), 3, 4, 0.75
       FROM "User" u CROSS JOIN "Assignment" a WHERE u.id LIKE $2 || '%' AND a.id = $1`,
      [a.id, prefix],
    );
  await t.runner.query(
    `INSERT INTO "AttemptItem" (id, "attemptId", position, "questionVersionId", presentation, fraction, points, "maxPoints")
     SELECT t.id || '-' || p, t.id, p, q."currentVersionId", '{}'::jsonb, CASE WHEN p = 0 THEN 0 ELSE 1 END, CASE WHEN p = 0 THEN 0 ELSE 1 END, 1
     FROM "Attempt" t JOIN "Quiz" z ON z.id = t."quizId"
     CROSS JOIN generate_series(0, 3) p
     JOIN LATERAL (SELECT "currentVersionId" FROM "Question" WHERE "topicSlug" = z."topicSlugs"[1] ORDER BY key OFFSET p LIMIT 1) q ON TRUE
     WHERE t."userId" LIKE $1 || '%'`,
    [prefix],
  );
  return id;
}

beforeAll(async () => {
  await truncateAll(database());
  await seedCourse();
  instructorId = (await createUser("INSTRUCTOR", "sizer")).id;
  smallClass = await seedClass(20, "small");
  bigClass = await seedClass(2000, "big");
}, 120_000);

async function pageHtml(classId: string, search: Record<string, string> = {}): Promise<string> {
  signInAs(instructorId);
  try {
    // The tabs that grow with the class: the score table, the roster, and the assignments with their student pickers.
    const args = { params: Promise.resolve({ id: classId }), searchParams: Promise.resolve(search) };
    const pages = [
      await renderPageHtml(ClassScoresPage(args)),
      await renderPageHtml(ClassStudentsPage(args)),
      await renderPageHtml(ClassAssignmentsPage(args)),
    ];
    return pages.join("\n");
  } finally {
    signInAs(null);
  }
}

describe("the class page at 2,000 students", () => {
  it("renders one page of students, within budget, about as large as a class of 20", async () => {
    const small = await pageHtml(smallClass);
    const big = await pageHtml(bigClass);
    const bytes = (s: string) => Buffer.byteLength(s, "utf8");
    console.log(`class page HTML: 20 students ${(bytes(small) / 1024).toFixed(1)} kB, 2,000 students ${(bytes(big) / 1024).toFixed(1)} kB`);
    expect(bytes(big)).toBeLessThan(PAGE_BUDGET);
    expect(bytes(big) - bytes(small)).toBeLessThan(PAGE_OF_STUDENTS);
    // A real count and real navigation: the page knows the class size and offers the next page.
    expect(big).toContain("Students 1–50 of 2000");
    expect(big).toContain("Page 1 of 40");
    expect(big).toContain("Roster page 1 of 80");
    // Student 51 is on page 2 of the score table, not in this page at all.
    expect(big).toContain("Student 00050 big");
    expect(big).not.toContain("Student 00051 big");
    // The big forms are rendered when their <details> opens, not before.
    expect(big).toContain("Edit settings");
    expect(big).not.toContain('name="openAt"');
  });

  it("a later page, a sort and a search stay as small", async () => {
    const later = await pageHtml(bigClass, { page: "40", sort: "overall", dir: "desc" });
    expect(Buffer.byteLength(later)).toBeLessThan(PAGE_BUDGET);
    expect(later).toContain("Page 40 of 40");
    expect(later).toMatch(/aria-sort="descending"[^>]*>\s*<button[^>]*>Overall/);
    const found = await pageHtml(bigClass, { q: "student 01999" });
    expect(found).toContain("Students 1–1 of 1 matching");
    expect(found).toContain("Student 01999 big");
  });
});
