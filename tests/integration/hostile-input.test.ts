// Bad bytes at the edge: a NUL (or other refused character) in any text field is a clear field error with nothing
// written, and a malformed dynamic URL segment is "not found", never an exception (a 500).
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { signInAction, signUpAction } from "@/lib/actions/auth";
import { addCoInstructorAction, createClassAction, joinClassAction } from "@/lib/actions/classes";
import { createCustomQuizAction } from "@/lib/actions/assignments";
import { saveAnswerAction } from "@/lib/actions/attempts";
import AttemptPage from "@/app/attempts/[id]/page";
import JoinPage from "@/app/join/[code]/page";
import LessonPage, { generateMetadata as lessonMetadata } from "@/app/learn/[topic]/page";
import PracticePage, { generateMetadata as practiceMetadata } from "@/app/practice/[topic]/page";
import ClassPage from "@/app/teach/classes/[id]/page";
import ClassScoresPage from "@/app/teach/classes/[id]/scores/page";
import ClassStudentsPage from "@/app/teach/classes/[id]/students/page";
import ItemStatisticsPage from "@/app/teach/classes/[id]/items/page";
import { GET as scoresCsvGET } from "@/app/teach/classes/[id]/scores.csv/route";
import StudentResultsPage from "@/app/teach/classes/[id]/students/[studentId]/page";
import StudentProgressPage from "@/app/teach/classes/[id]/students/[studentId]/progress/page";
import { buildFixture, type Fixture } from "@/tests/authz/cases";
import { fd, settle } from "@/tests/support/next";
import { CONTENT_TABLES, REQUEST_COUNTER_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { seedCourse } from "./support/fixtures";
import { signInAs } from "./support/session";

const database = withTestDatabase();
let f: Fixture;

// One fixture for the file: every case here must leave the database as it found it.
beforeAll(async () => {
  await seedCourse();
  await truncateAll(database(), { keep: CONTENT_TABLES });
  f = await buildFixture(database().db);
});
beforeEach(() => {
  signInAs(null);
});

/** Row counts of every table: "nothing written" means these do not move. */
async function counts(): Promise<Record<string, number>> {
  const tables = await database().runner.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  const out: Record<string, number> = {};
  for (const { tablename } of tables.filter((t) => !REQUEST_COUNTER_TABLES.includes(t.tablename)))
    out[tablename] = Number((await database().runner.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${tablename}"`))[0].n);
  return out;
}

const NUL = "\u0000";
const CONTROL = /control characters/;

describe("a NUL in a text field is a field error, and nothing is written", () => {
  const cases: { name: string; as: "learner" | "instructor" | null; field: string; run: (f: Fixture) => Promise<unknown> }[] = [
    {
      name: "sign-up name",
      as: null,
      field: "name",
      run: () => signUpAction(null, fd({ name: `Ana${NUL}`, email: "ana@example.test", password: "plaza accord 1985 yen" })),
    },
    {
      name: "sign-up invite code",
      as: null,
      field: "inviteCode",
      run: () =>
        signUpAction(null, fd({ name: "Ana", email: "ana@example.test", password: "plaza accord 1985 yen", inviteCode: `x${NUL}` })),
    },
    {
      name: "sign-up email",
      as: null,
      field: "email",
      run: () => signUpAction(null, fd({ name: "Ana", email: `ana${NUL}@example.test`, password: "plaza accord 1985 yen" })),
    },
    { name: "class name", as: "instructor", field: "name", run: () => createClassAction(null, fd({ name: `Class${NUL}`, term: "" })) },
    { name: "class term", as: "instructor", field: "term", run: () => createClassAction(null, fd({ name: "Class", term: `Fall${NUL}` })) },
    { name: "join code", as: "learner", field: "code", run: () => joinClassAction(null, fd({ code: `XXXX${NUL}` })) },
    {
      name: "co-instructor email",
      as: "instructor",
      field: "email",
      run: (f) => addCoInstructorAction(null, fd({ classId: f.classX.id, email: `y${NUL}@example.test` })),
    },
    {
      name: "custom quiz title",
      as: "instructor",
      field: "title",
      run: (f) =>
        createCustomQuizAction(null, fd({ classId: f.classX.id, title: `Quiz${NUL}`, questionCount: "5", topics: "plaza-accord" })),
    },
    {
      name: "custom quiz keys",
      as: "instructor",
      field: "questionKeys",
      run: (f) => createCustomQuizAction(null, fd({ classId: f.classX.id, title: "Quiz", questionCount: "5", questionKeys: `pa-1${NUL}` })),
    },
    {
      name: "short answer text",
      as: "learner",
      field: "response.text",
      run: (f) => saveAnswerAction({ attemptId: f.attemptX.id, position: 0, seq: 1, response: { type: "short", text: `yen${NUL}` } }),
    },
    {
      name: "numeric answer text",
      as: "learner",
      field: "response.text",
      run: (f) => saveAnswerAction({ attemptId: f.attemptX.id, position: 0, seq: 1, response: { type: "numeric", text: `240${NUL}` } }),
    },
  ];
  for (const c of cases)
    it(c.name, async () => {
      signInAs(c.as === "learner" ? f.users.studentX.id : c.as === "instructor" ? f.users.instructorX.id : null);
      const before = await counts();
      const result = await c.run(f);
      expect(result).toMatchObject({ ok: false, fieldErrors: { [c.field]: expect.arrayContaining([expect.stringMatching(CONTROL)]) } });
      expect(await counts()).toEqual(before);
    });

  it("sign-in with a NUL in the email or password is the generic refusal", async () => {
    for (const form of [
      { email: `a${NUL}@example.test`, password: "x" },
      { email: "a@example.test", password: `x${NUL}` },
    ])
      expect(await signInAction(null, fd(form))).toEqual({
        ok: false,
        code: "invalid",
        error: "That email and password do not match an account.",
      });
  });
});

describe("sign-up does not reveal a taken email", () => {
  it("answers a taken email as it answers a new one (sign-in, same notice), logs the notice a mail would carry, and writes nothing", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    const before = await counts();
    const result = await settle(() =>
      signUpAction(null, fd({ name: "Someone", email: f.users.learnerA.email.toUpperCase(), password: "plaza accord 1985 yen" })),
    );
    expect(result).toEqual({ kind: "redirect", url: "/signin?signedUp=1" });
    expect(info).toHaveBeenCalledWith(`[sign-up] would send an 'account exists' notice to ${f.users.learnerA.email}`);
    expect(await counts()).toEqual(before);
    info.mockRestore();
  });
});

const HOSTILE_SEGMENTS = ["\u0000", "a\u0000b", "%00", "%ZZ", "%E0%A4%A", "\ud800", "x".repeat(100_000), "../../etc", "a\r\nb"];

describe("malformed dynamic segments are not found, never an exception", () => {
  const p = <T>(v: T) => Promise.resolve(v);
  const routes: Record<string, (seg: string, f: Fixture) => Promise<unknown>> = {
    "/attempts/[id]": (id) => AttemptPage({ params: p({ id }) }),
    "/join/[code]": (code) => JoinPage({ params: p({ code }) }),
    "/learn/[topic]": (topic) => LessonPage({ params: p({ topic }) }),
    "/practice/[topic]": (topic) => PracticePage({ params: p({ topic }) }),
    "/teach/classes/[id]": (id) => ClassPage({ params: p({ id }) }),
    "/teach/classes/[id]/scores": (id) => ClassScoresPage({ params: p({ id }) }),
    "/teach/classes/[id]/students": (id) => ClassStudentsPage({ params: p({ id }) }),
    "/teach/classes/[id]/items": (id) => ItemStatisticsPage({ params: p({ id }), searchParams: p({}) }),
    "/teach/classes/[id]/scores.csv": (id) => scoresCsvGET(new Request("http://koza.test/"), { params: p({ id }) }),
    "/teach/classes/[id]/students/[studentId]": (studentId, f) => StudentResultsPage({ params: p({ id: f.classX.id, studentId }) }),
    "/teach/classes/[id]/students/[studentId] (class)": (id, f) =>
      StudentResultsPage({ params: p({ id, studentId: f.users.studentX.id }) }),
    "/teach/classes/[id]/students/[studentId]/progress": (studentId, f) =>
      StudentProgressPage({ params: p({ id: f.classX.id, studentId }) }),
  };
  for (const [route, render] of Object.entries(routes))
    it(route, async () => {
      // Signed in as whoever would be allowed with a good id, so the check under test is the segment's.
      signInAs(route.startsWith("/teach") ? f.users.instructorX.id : f.users.studentX.id);
      for (const seg of HOSTILE_SEGMENTS) {
        const outcome = await settle(() => render(seg, f));
        expect(outcome, `${route} with ${JSON.stringify(seg.slice(0, 20))}`).toEqual({ kind: "not-found" });
      }
    });

  it("metadata of a malformed topic says not found", async () => {
    for (const topic of HOSTILE_SEGMENTS) {
      expect(await lessonMetadata({ params: Promise.resolve({ topic }) })).toEqual({ title: "Lesson not found" });
      expect(await practiceMetadata({ params: Promise.resolve({ topic }) })).toEqual({ title: "Topic not found" });
    }
  });
});
