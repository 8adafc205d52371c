// Hostile input against every server action and every dynamic page or route handler, on the real database: NUL
// bytes, lone surrogates, malformed % sequences, 100k-character strings, deep nesting, odd numbers, other people's
// ids, odd FormData. Nothing may throw (but Next's redirect/notFound), answer "Something went wrong" (an unexpected
// exception reached failure()), or change a row when it answers ok: false.
// Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> npx vitest run --project integration <this file>.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";

import AttemptPage from "@/app/attempts/[id]/page";
import AssignmentStartPage from "@/app/assignments/[id]/page";
import JoinPage from "@/app/join/[code]/page";
import LessonPage from "@/app/learn/[topic]/page";
import PracticePage from "@/app/practice/[topic]/page";
import ClassPage from "@/app/teach/classes/[id]/page";
import ClassAssignmentsPage from "@/app/teach/classes/[id]/assignments/page";
import ClassScoresPage from "@/app/teach/classes/[id]/scores/page";
import ClassStudentsPage from "@/app/teach/classes/[id]/students/page";
import ClassSettingsPage from "@/app/teach/classes/[id]/settings/page";
import ResetPasswordPage from "@/app/reset-password/[token]/page";
import ItemStatisticsPage from "@/app/teach/classes/[id]/items/page";
import LtiSyncPage from "@/app/teach/classes/[id]/lti/page";
import { GET as scoresCsvGET } from "@/app/teach/classes/[id]/scores.csv/route";
import { POST as saveAnswerPOST } from "@/app/api/attempts/[attemptId]/answers/route";
import StudentResultsPage from "@/app/teach/classes/[id]/students/[studentId]/page";
import StudentProgressPage from "@/app/teach/classes/[id]/students/[studentId]/progress/page";
import { GET as bankExportGET } from "@/app/teach/bank/export/route";
import { GET as bankFileExportGET } from "@/app/api/teach/bank/[bankId]/export/route";
import { GET as bankImageGET } from "@/app/api/images/[imageId]/route";
import NewBankQuestionPage from "@/app/teach/bank/[bankId]/questions/new/page";
import EditBankQuestionPage from "@/app/teach/bank/[bankId]/questions/[questionId]/page";
import { buildFixture, type Fixture } from "@/tests/authz/cases";
import { discoverActions, discoverRoutes } from "@/tests/authz/discover";
import { isNextControlFlow, settle, type Settled } from "@/tests/support/next";
import { CONTENT_TABLES, REQUEST_COUNTER_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { seedCourse } from "./support/fixtures";
import { signInAs } from "./support/session";

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS_PER_ACTION = Number(process.env.FUZZ_RUNS ?? 12);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 12);
const GENERIC_FAILURE = /Something went wrong/;

const database = withTestDatabase();
let f: Fixture;
let countSql = "";

beforeAll(async () => {
  await seedCourse();
  await truncateAll(database(), { keep: CONTENT_TABLES });
  f = await buildFixture(database().db);
  const tables = await database().runner.query<{ tablename: string }>(
    `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY tablename`,
  );
  countSql = `SELECT ${tables
    .filter((t) => !REQUEST_COUNTER_TABLES.includes(t.tablename))
    .map((t) => `(SELECT count(*) FROM "${t.tablename}")::int AS "${t.tablename}"`)
    .join(", ")}`;
});

/** Row counts of every table (request counters aside) in one statement. */
async function counts(): Promise<Record<string, number>> {
  return (await database().runner.query<Record<string, number>>(countSql))[0];
}

// ---- hostile values ----

function nested(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = "x";
  for (let i = 0; i < depth; i++) value = wrap(value);
  return value;
}

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "x\udfff",
  "\udc00\ud800",
  "\ufffe\uffff",
  "\u001b[2J",
  "\u0085\u2028\u2029",
  "%00",
  "%ZZ",
  "%E0%A4%A",
  "%",
  "../../etc/passwd",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  '=HYPERLINK("x")',
  "__proto__",
  "constructor",
  "NaN",
  "-0",
  "1e308",
  "9".repeat(400),
  "x".repeat(100_000),
  "\u0000".repeat(10_000),
  "😀".repeat(1000),
  "2026-02-30T25:61",
  "Asia/Tokyo\u0000",
];
const HOSTILE_NUMBERS = [NaN, Infinity, -Infinity, -0, 1e308, -1e308, 2 ** 53, -1, 0.5, Number.MIN_VALUE];

/** Single "characters" for generated strings: anything printable plus the bytes and sequences that break things. */
const hostileUnit = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.constantFrom("\u0000", "\ud800", "\udfff", "\ufffe", "\u007f", "\u009b", "%", "%ZZ", "%00", "\r\n", "\t"),
);
const hostileString = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ unit: hostileUnit, maxLength: 40 }));

/** Real ids of the fixture: yours, someone else's, the other class's; the place authorization bugs hide. */
function fixtureIdList(): string[] {
  return [
    f.classX.id,
    f.classY.id,
    f.assignmentX.id,
    f.attemptX.id,
    ...Object.values(f.users).map((u) => u.id),
    f.classX.joinCode,
    f.classY.joinCode,
    f.users.instructorY.email,
    "plaza-accord",
  ];
}
// An index, read at generation time: the arbitraries are built before the fixture exists.
const fixtureIds = () => fc.nat({ max: 13 }).map((i) => fixtureIdList()[i]);

const hostileValue = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: fixtureIds() },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false, 0n as unknown) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        nested(2_000, (v) => ({ a: v })),
        nested(2_000, (v) => [v]),
        JSON.parse('{"__proto__":{"polluted":1}}'),
      ),
    },
    { weight: 1, arbitrary: fc.array(hostileString, { maxLength: 30 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileString, hostileString, { maxKeys: 5 }) },
  );

/** Every field name any action reads, so generated forms and objects hit real fields as well as junk ones. */
const FIELD_NAMES = [
  "classId",
  "studentId",
  "assignmentId",
  "quizId",
  "attemptId",
  "cardId",
  "showingId",
  "name",
  "term",
  "email",
  "code",
  "enabled",
  "title",
  "topics",
  "topic",
  "questionCount",
  "questionKeys",
  "timezone",
  "openAt",
  "dueAt",
  "closeAt",
  "timeLimitMinutes",
  "attemptsAllowed",
  "gradingMethod",
  "reviewTiming",
  "navigation",
  "layout",
  "graceSeconds",
  "extraAttempts",
  "factor",
  "password",
  "inviteCode",
  "next",
  "provider",
  "position",
  "seq",
  "response",
  "timeZone",
];
const fieldName = fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FIELD_NAMES) }, { weight: 1, arbitrary: hostileString });

const SETTINGS = {
  timezone: "Asia/Tokyo",
  dueAt: "2026-03-01T09:30",
  gradingMethod: "HIGHEST",
  reviewTiming: "IMMEDIATELY",
  navigation: "FREE",
  layout: "all",
  graceSeconds: "60",
};
let friendShoringQuizId = "";

/**
 * A valid input per action (as in tests/authz/cases.ts), which the fuzz then damages one or two fields at a time: a
 * request that is right but for one field reaches much deeper than random junk. Actions without one get junk only.
 */
function validInput(name: string): Record<string, unknown> {
  const x = f.classX.id;
  const student = f.users.studentX.id;
  const a = f.assignmentX.id;
  const templates: Record<string, Record<string, unknown>> = {
    "classes.createClassAction": { name: "New class", term: "Fall" },
    "classes.regenerateJoinCodeAction": { classId: x },
    "classes.setJoinEnabledAction": { classId: x, enabled: "true" },
    "classes.removeStudentAction": { classId: x, studentId: f.users.learnerA.id },
    "classes.addCoInstructorAction": { classId: x, email: f.users.instructorY.email },
    "classes.joinClassAction": { code: f.classY.joinCode },
    "classes.leaveClassAction": { classId: f.classY.id },
    "attempts.startPracticeAction": { topic: "plaza-accord" },
    "attempts.startAssignmentAction": { assignmentId: a },
    "attempts.saveAnswerAction": { attemptId: f.attemptX.id, position: 0, seq: 1, response: f.attemptX.firstAnswer },
    "attempts.submitAttemptAction": { attemptId: f.attemptX.id },
    "assignments.assignModuleAction": { classId: x, ...SETTINGS },
    "assignments.assignQuizAction": { classId: x, quizId: friendShoringQuizId, ...SETTINGS },
    "assignments.updateAssignmentAction": { assignmentId: a, ...SETTINGS, attemptsAllowed: "3", timeLimitMinutes: "30" },
    "assignments.deleteAssignmentAction": { assignmentId: a },
    "assignments.setOverrideAction": {
      assignmentId: a,
      studentId: student,
      extraAttempts: "1",
      dueAt: "2026-03-01T09:30",
      closeAt: "",
      timezone: "Asia/Tokyo",
    },
    "assignments.clearOverrideAction": { assignmentId: a, studentId: student },
    "assignments.setAccommodationAction": { classId: x, studentId: student, factor: "1.5" },
    "assignments.createCustomQuizAction": {
      classId: x,
      title: "Plaza drill",
      topics: "plaza-accord",
      questionCount: "5",
      questionKeys: "",
    },
    "account.saveTimeZoneAction": { timeZone: "Asia/Tokyo" },
    "question-banks.createBankAction": { name: "Fuzz bank" },
    "question-banks.renameBankAction": { bankId: f.bankX.id, name: "Renamed" },
    "question-banks.shareBankAction": { bankId: f.bankX.id, classId: x },
    "question-banks.saveQuestionAction": {
      bankId: f.bankX.id,
      questionId: f.bankX.questionId,
      topicSlug: "plaza-accord",
      question: { ...f.bankX.question, prompt: "Fuzzed prompt" },
    },
    "question-banks.saveQuestionDraftAction": { bankId: f.bankX.id, questionId: f.bankX.questionId, data: { form: { prompt: "x" } } },
    "question-banks.discardQuestionDraftAction": { bankId: f.bankX.id, questionId: f.bankX.questionId },
    "question-banks.duplicateQuestionAction": { questionId: f.bankX.questionId, bankId: f.bankX.id },
    "question-banks.setQuestionRetiredAction": { bankId: f.bankX.id, questionId: f.bankX.questionId, retired: "true" },
    "question-banks.regradeDryRunAction": { questionId: f.bankX.questionId },
    "question-banks.applyRegradeAction": { questionId: f.bankX.questionId, expectVersionId: f.bankX.versionId },
    "review.answerReviewCardAction": { cardId: "cardcardcard", showingId: "showingshowing", response: f.attemptX.firstAnswer },
    "auth.signUpAction": {
      name: "Fuzz",
      email: "fuzz@example.test",
      password: "plaza accord 1985 yen",
      inviteCode: "",
      next: "/dashboard",
    },
    "auth.signInAction": { email: f.users.learnerA.email, password: "plaza accord 1985 yen", next: "/dashboard" },
    "auth.signInWithProviderAction": { provider: "github" },
    "password-reset.requestPasswordResetAction": { email: f.users.learnerA.email },
    "password-reset.resetPasswordAction": {
      token: "A".repeat(43),
      newPassword: "a brand new passphrase",
      newPasswordAgain: "a brand new passphrase",
    },
  };
  return templates[name] ?? {};
}

/** The byte sequences every field of every action gets, on every run (not left to chance). */
const ALWAYS = ["\u0000", "\ud800", "%E0%A4%A", "x".repeat(100_000)];

function toForm(fields: Record<string, unknown>, extra: [string, unknown][] = []): FormData {
  const form = new FormData();
  for (const [k, v] of [...Object.entries(fields), ...extra]) {
    if (v === FILE) form.append(k, new File(["\u0000\u00ff"], "x\u0000.bin"));
    else form.append(k, typeof v === "string" ? v : String(v));
  }
  return form;
}
const FILE = Symbol("file");

/** A valid input with a few fields damaged (or dropped), plus a few extra entries; as an object or a form. */
const damaged = (name: string, asForm: boolean) =>
  fc
    .record({
      replace: fc.array(fc.tuple(fc.nat(), asForm ? fc.oneof(hostileString, fixtureIds(), fc.constant(FILE as unknown)) : hostileValue()), {
        minLength: 1,
        maxLength: 2,
      }),
      drop: fc.boolean(),
      extra: fc.array(fc.tuple(fieldName, asForm ? fc.oneof(hostileString, fixtureIds()) : hostileValue()), { maxLength: 3 }),
    })
    .map(({ replace, drop, extra }) => {
      const fields = { ...validInput(name) };
      const keys = Object.keys(fields);
      for (const [i, value] of replace) if (keys.length) fields[keys[i % keys.length]] = value;
      if (drop && keys.length) delete fields[keys[replace[0][0] % keys.length]];
      return asForm ? toForm(fields, extra) : { ...fields, ...Object.fromEntries(extra) };
    });

const describeValue = (v: unknown) =>
  v instanceof FormData
    ? `FormData ${JSON.stringify([...v.entries()].map(([k, x]) => [k.slice(0, 40), typeof x === "string" ? x.slice(0, 60) : "<file>"]))}`
    : String(JSON.stringify(v, (_k, x) => (typeof x === "string" ? x.slice(0, 60) : typeof x === "bigint" ? String(x) : x)) ?? v).slice(
        0,
        300,
      );

/** The outcome is acceptable: Next control flow, a Response under 500, or a result that is not the generic failure. */
function checkOutcome(outcome: Settled): void {
  if (outcome.kind === "error") throw outcome.error;
  if (outcome.kind !== "value") return;
  const value = outcome.value as { ok?: unknown; error?: unknown; status?: unknown } | undefined;
  if (value instanceof Response) expect(value.status).toBeLessThan(500);
  if (value && value.ok === false) expect(String(value.error)).not.toMatch(GENERIC_FAILURE);
}

// ---- actions ----

describe("every server action survives hostile input", async () => {
  const actions = await discoverActions();
  beforeAll(async () => {
    friendShoringQuizId = (await database().db.quiz.findUniqueOrThrow({ where: { slug: "friend-shoring-quiz" }, select: { id: true } })).id;
  });

  it("found the actions", () => {
    expect(actions.length).toBeGreaterThan(15);
  });

  for (const { name, fn } of actions) {
    // Form actions are (prevState, FormData), as is signInWithProviderAction without the state; the rest take one
    // object (or nothing).
    const formOnly = name === "auth.signInWithProviderAction";
    const isForm = fn.length === 2 || formOnly;
    const call = (arg: unknown) => (formOnly ? fn(arg) : isForm ? fn(null, arg) : fn(arg));

    for (const actor of ["studentX", "instructorX"] as const) {
      /** Runs one call and checks it; the message says exactly what was sent. */
      const probe = async (arg: unknown) => {
        await database().runner.query(`DELETE FROM "RateLimit"`);
        signInAs(f.users[actor].id);
        const before = await counts();
        const outcome = await settle(() => call(arg));
        signInAs(null);
        try {
          checkOutcome(outcome);
          if (outcome.kind === "value" && (outcome.value as { ok?: unknown } | undefined)?.ok === false)
            expect(await counts()).toEqual(before);
        } catch (error) {
          throw new Error(`FUZZ_SEED=${SEED} ${name} as ${actor} with ${describeValue(arg)}: ${String(error)}`, { cause: error });
        }
      };

      it(`${name} as ${actor}`, async () => {
        const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
        try {
          // Every field gets every one of the sequences that broke things.
          const valid = validInput(name);
          for (const key of Object.keys(valid))
            for (const bad of ALWAYS) {
              const fields = { ...valid, [key]: typeof valid[key] === "string" ? `${valid[key] as string}${bad}` : bad };
              await probe(isForm ? toForm(fields) : fields);
              // Answer text is one level down.
              if (key === "response")
                for (const type of ["short", "numeric"]) await probe({ ...valid, response: { type, text: `240 yen${bad}` } });
            }
          // Then damaged valid inputs, junk forms and junk values, generated from the seed.
          const arbitrary = isForm
            ? fc.oneof(
                { weight: 3, arbitrary: damaged(name, true) },
                {
                  weight: 1,
                  arbitrary: fc
                    .array(fc.tuple(fieldName, fc.oneof(hostileString, fixtureIds())), { maxLength: 8 })
                    .map((e) => toForm({}, e)),
                },
                // A hand-made request can put anything where the form goes.
                { weight: 1, arbitrary: hostileValue() },
              )
            : fc.oneof({ weight: 3, arbitrary: damaged(name, false) }, { weight: 1, arbitrary: hostileValue() });
          await fc.assert(fc.asyncProperty(arbitrary, probe), { seed: SEED, numRuns: RUNS_PER_ACTION, endOnFailure: true });
        } finally {
          errors.mockRestore();
        }
      });
    }
  }
});

// ---- dynamic pages and route handlers ----

const p = <T>(v: T) => Promise.resolve(v);
/** How to render each dynamic route with one hostile segment (the others real); a new dynamic route must be added. */
const DYNAMIC_ROUTES: Record<string, (seg: string) => Promise<unknown>> = {
  "/attempts/[id]": (id) => AttemptPage({ params: p({ id }) }),
  "/assignments/[id]": (id) => AssignmentStartPage({ params: p({ id }) }),
  "/join/[code]": (code) => JoinPage({ params: p({ code }) }),
  "/learn/[topic]": (topic) => LessonPage({ params: p({ topic }) }),
  "/practice/[topic]": (topic) => PracticePage({ params: p({ topic }) }),
  "/teach/classes/[id]": (id) => ClassPage({ params: p({ id }) }),
  "/teach/classes/[id]/assignments": (id) => ClassAssignmentsPage({ params: p({ id }), searchParams: p({ roster: id }) }),
  "/teach/classes/[id]/scores": (id) => ClassScoresPage({ params: p({ id }), searchParams: p({ q: id, page: id }) }),
  "/teach/classes/[id]/students": (id) => ClassStudentsPage({ params: p({ id }), searchParams: p({ roster: id }) }),
  "/teach/classes/[id]/settings": (id) => ClassSettingsPage({ params: p({ id }) }),
  "/reset-password/[token]": (token) => ResetPasswordPage({ params: p({ token }) }),
  "/teach/classes/[id]/items": (id) => ItemStatisticsPage({ params: p({ id }), searchParams: p({ attempts: id }) }),
  "/teach/classes/[id]/scores.csv": (id) => scoresCsvGET(new Request("http://koza.test/"), { params: p({ id }) }),
  "/teach/classes/[id]/lti": (id) => LtiSyncPage({ params: p({ id }) }),
  "/teach/classes/[id]/students/[studentId]": async (seg) => {
    await StudentResultsPage({ params: p({ id: f.classX.id, studentId: seg }) }).catch(rethrowUnlessControlFlow);
    return StudentResultsPage({ params: p({ id: seg, studentId: f.users.studentX.id }) });
  },
  "/teach/classes/[id]/students/[studentId]/progress": async (seg) => {
    await StudentProgressPage({ params: p({ id: f.classX.id, studentId: seg }) }).catch(rethrowUnlessControlFlow);
    return StudentProgressPage({ params: p({ id: seg, studentId: f.users.studentX.id }) });
  },
  // The hostile text goes into the URL segment and, as JSON and raw, into the body the handler reads.
  "/api/attempts/[attemptId]/answers": async (seg) => {
    const post = (attemptId: string, body: string) =>
      saveAnswerPOST(
        new Request("http://koza.test/api/attempts/x/answers", {
          method: "POST",
          headers: { "content-type": "application/json", origin: "http://koza.test", host: "koza.test" },
          body,
        }),
        { params: p({ attemptId }) },
      );
    for (const res of [
      await post(f.attemptX.id, seg),
      await post(f.attemptX.id, JSON.stringify({ position: 0, seq: 1, response: seg })),
      await post(f.attemptX.id, JSON.stringify({ position: 0, seq: 1, response: { type: "short", text: seg } })),
    ])
      expect(res.status).toBeLessThan(500);
    return post(seg, JSON.stringify({ position: 0, seq: 1, response: f.attemptX.firstAnswer }));
  },
  "/teach/bank/[bankId]/questions/new": (bankId) => NewBankQuestionPage({ params: p({ bankId }) }),
  "/teach/bank/[bankId]/questions/[questionId]": async (seg) => {
    await EditBankQuestionPage({ params: p({ bankId: f.bankX.id, questionId: seg }) }).catch(rethrowUnlessControlFlow);
    return EditBankQuestionPage({ params: p({ bankId: seg, questionId: f.bankX.questionId }) });
  },
  // The query string is this handler's only input.
  "/teach/bank/export": (topic) => bankExportGET(new Request(`http://koza.test/teach/bank/export?${new URLSearchParams({ topic })}`)),
  "/api/teach/bank/[bankId]/export": (bankId) =>
    bankFileExportGET(new Request(`http://koza.test/api/teach/bank/x/export?format=qti3`), { params: p({ bankId }) }),
  "/api/images/[imageId]": (imageId) => bankImageGET(new Request("http://koza.test/api/images/x"), { params: p({ imageId }) }),
};
/** next-auth's own endpoint: its parsing is next-auth's (and e2e's) concern. */
const NOT_OURS = ["/api/auth/[...nextauth]"];

function rethrowUnlessControlFlow(error: unknown): void {
  if (!isNextControlFlow(error)) throw error;
}

describe("every dynamic page and route handler survives hostile segments", () => {
  it("has a renderer for every dynamic route", () => {
    const dynamic = discoverRoutes().filter((r) => r.includes("[") && !NOT_OURS.includes(r));
    expect(dynamic.filter((r) => !(r in DYNAMIC_ROUTES))).toEqual([]);
  });

  for (const [route, render] of Object.entries(DYNAMIC_ROUTES))
    for (const actor of [null, "studentX", "instructorX"] as const)
      it(`${route} as ${actor ?? "anonymous"}`, async () => {
        await fc.assert(
          fc.asyncProperty(fc.oneof(hostileString, fixtureIds()), async (seg) => {
            signInAs(actor ? f.users[actor].id : null);
            const outcome = await settle(() => render(seg));
            signInAs(null);
            try {
              checkOutcome(outcome);
            } catch (error) {
              throw new Error(`FUZZ_SEED=${SEED} ${route} with ${describeValue(seg)}: ${String(error)}`, { cause: error });
            }
          }),
          { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true, examples: HOSTILE_STRINGS.slice(2, 14).map((s) => [s]) },
        );
      });
});
