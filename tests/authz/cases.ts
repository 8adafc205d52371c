// Input builders for the authorization matrix: how to call each action and route "on class X" as the current actor.
// Add a case next to its row in matrix.ts; a row without a case fails the matrix test.
import { NextRequest } from "next/server";
import { GET as healthGET } from "@/app/api/health/route";
import { GET as nextAuthGET } from "@/app/api/auth/[...nextauth]/route";
import { renderPageHtml } from "@/tests/integration/support/render-page";
import JoinPage from "@/app/join/[code]/page";
import SignInPage from "@/app/signin/page";
import SignUpPage from "@/app/signup/page";
import ForgotPasswordPage from "@/app/forgot-password/page";
import ResetPasswordPage from "@/app/reset-password/[token]/page";
import ClassPage from "@/app/teach/classes/[id]/page";
import ClassAssignmentsPage from "@/app/teach/classes/[id]/assignments/page";
import ClassScoresPage from "@/app/teach/classes/[id]/scores/page";
import ClassStudentsPage from "@/app/teach/classes/[id]/students/page";
import ClassSettingsPage from "@/app/teach/classes/[id]/settings/page";
import TeachPage from "@/app/teach/page";
import HomePage from "@/app/page";
import LearnPage from "@/app/learn/page";
import LessonPage from "@/app/learn/[topic]/page";
import {
  addCoInstructorAction,
  createClassAction,
  joinClassAction,
  leaveClassAction,
  regenerateJoinCodeAction,
  removeStudentAction,
  setJoinEnabledAction,
} from "@/lib/actions/classes";
import {
  advanceAttemptAction,
  saveAnswerAction,
  startAssignmentAction,
  startPracticeAction,
  submitAttemptAction,
} from "@/lib/actions/attempts";
import { startAssignedAttempt, startPracticeAttempt } from "@/lib/dal/attempts";
import {
  checkPracticeAnswerAction,
  flagQuestionAction,
  practiceHintAction,
  trySimilarQuestionAction,
} from "@/lib/actions/attempt-questions";
import { contentResponseToClient, type ClientResponse, type Presentation } from "@/lib/grading";
import type { Question } from "@/lib/content/schema";
import { correctResponse } from "@/tests/support/answers";
import AttemptPage from "@/app/attempts/[id]/page";
import PracticePage from "@/app/practice/[topic]/page";
import BankPage from "@/app/teach/bank/page";
import { GET as bankExportGET } from "@/app/teach/bank/export/route";
import BankImportPage from "@/app/teach/bank/import/page";
import { POST as bankImportPOST } from "@/app/api/teach/bank/import/route";
import { GET as bankFileExportGET } from "@/app/api/teach/bank/[bankId]/export/route";
import { GET as bankImageGET } from "@/app/api/images/[imageId]/route";
import { POST as saveAnswerPOST } from "@/app/api/attempts/[attemptId]/answers/route";
import {
  assignModuleAction,
  assignQuizAction,
  clearOverrideAction,
  deleteAssignmentAction,
  setAccommodationAction,
  setOverrideAction,
  updateAssignmentAction,
  createCustomQuizAction,
} from "@/lib/actions/assignments";
import { db as appDb } from "@/lib/db/client";
import type { Db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/dal/errors";
import { answerReviewCardAction } from "@/lib/actions/review";
import { changePasswordAction, saveTimeZoneAction, signOutEverywhereAction, updateDisplayNameAction } from "@/lib/actions/account";
import AssignmentStartPage from "@/app/assignments/[id]/page";
import { hashPassword } from "@/lib/auth/password";
import AccountPage from "@/app/account/page";
import { getReviewSession } from "@/lib/dal/review";
import DashboardPage from "@/app/dashboard/page";
import ReviewPage from "@/app/review/page";
import StudentProgressPage from "@/app/teach/classes/[id]/students/[studentId]/progress/page";
import ItemStatisticsPage from "@/app/teach/classes/[id]/items/page";
import { GET as scoresCsvGET } from "@/app/teach/classes/[id]/scores.csv/route";
import StudentResultsPage from "@/app/teach/classes/[id]/students/[studentId]/page";
import NewBankQuestionPage from "@/app/teach/bank/[bankId]/questions/new/page";
import EditBankQuestionPage from "@/app/teach/bank/[bankId]/questions/[questionId]/page";
import {
  applyRegradeAction,
  createBankAction,
  discardQuestionDraftAction,
  duplicateQuestionAction,
  regradeDryRunAction,
  renameBankAction,
  saveQuestionAction,
  saveQuestionDraftAction,
  setQuestionRetiredAction,
  shareBankAction,
} from "@/lib/actions/question-banks";
import { saveQuestion } from "@/lib/dal/question-banks";
import AdminLtiPage from "@/app/admin/lti/page";
import LtiSyncPage from "@/app/teach/classes/[id]/lti/page";
import { GET as ltiJwksGET } from "@/app/api/lti/jwks/route";
import { GET as ltiLoginGET } from "@/app/api/lti/login/route";
import { POST as ltiLaunchPOST } from "@/app/api/lti/launch/route";
import { POST as ltiDeepLinkPOST } from "@/app/api/lti/deep-link/route";
import { POST as ltiLinkPOST } from "@/app/api/lti/link/route";
import { GET as ltiCheckGET } from "@/app/api/lti/check/route";
import { POST as ltiHandoffPOST } from "@/app/api/lti/handoff/route";
import { addPlatformAction, removePlatformAction, resendScoreAction } from "@/lib/actions/lti";
import { unsafeAddPlatform } from "@/lib/dal/lti/registrations";
import { setScoreSyncKick } from "@/lib/dal/lti/scores";
import { signDeepLinkContext } from "@/lib/lti/deep-linking";
import type { Actor } from "./matrix";
import { makeClass, makeUser } from "./support";
import { fd } from "@/tests/support/next";

type Person = { id: string; email: string; name: string };
export type Fixture = {
  users: Record<Exclude<Actor, "anonymous">, Person>;
  classX: { id: string; joinCode: string };
  classY: { id: string; joinCode: string };
  /** The Plaza Accord quiz assigned to class X (needs the course content seeded). */
  assignmentX: { id: string };
  /** studentX's open attempt at it, and a valid answer to its first question (opaque ids). */
  attemptX: { id: string; firstAnswer: ClientResponse };
  /** instructorX's private question bank, holding one single-choice question (version 1). */
  bankX: { id: string; questionId: string; versionId: string; question: Question };
};

/** The question in bankX: a valid single-choice question on the Plaza Accord topic. */
export const BANK_X_QUESTION: Question = {
  key: "matrix-bank-question",
  type: "single",
  difficulty: "easy",
  points: 1,
  prompt: "Which year was the Plaza Accord signed?",
  paragraphs: [],
  outsideSources: [],
  options: [
    { id: "a", text: "1985", correct: true },
    { id: "b", text: "1971", correct: false },
    { id: "c", text: "1995", correct: false },
  ],
};

/** Two classes with their instructors, a student in X, two unattached learners and an admin. */
export async function buildFixture(db: Db): Promise<Fixture> {
  const users = {
    learnerA: await makeUser(db, "Learner A"),
    learnerB: await makeUser(db, "Learner B"),
    studentX: await makeUser(db, "Student X"),
    instructorX: await makeUser(db, "Instructor X", "INSTRUCTOR"),
    instructorY: await makeUser(db, "Instructor Y", "INSTRUCTOR"),
    admin: await makeUser(db, "Admin", "ADMIN"),
    ltiInstructorX: await makeUser(db, "LTI Instructor X"),
  };
  const classX = await makeClass(db, users.instructorX.id, "Class X", "XXXX-XXXX-XX");
  const classY = await makeClass(db, users.instructorY.id, "Class Y", "YYYY-YYYY-YY");
  // As an instructor's launch into class X's course leaves it (lib/dal/lti/launches.ts): known by (iss, sub), a
  // co-instructor of class X, and no global role.
  await db.ltiUser.create({ data: { issuer: "https://lms.example", sub: "lti-instructor-x", userId: users.ltiInstructorX.id } });
  await db.classInstructor.create({ data: { classId: classX.id, userId: users.ltiInstructorX.id } });
  await db.enrollment.create({ data: { classId: classX.id, userId: users.studentX.id } });
  const quiz = await db.quiz.findUniqueOrThrow({ where: { slug: "plaza-accord-quiz" }, select: { id: true } });
  const assignmentX = await db.assignment.create({ data: { classId: classX.id, quizId: quiz.id }, select: { id: true } });
  const { attemptId } = await startAssignedAttempt({ ...users.studentX, role: "LEARNER" }, assignmentX.id);
  const first = await db.attemptItem.findFirstOrThrow({
    where: { attemptId, position: 0 },
    select: { presentation: true, questionVersion: { select: { data: true } } },
  });
  const question = first.questionVersion.data as unknown as Question;
  const firstAnswer = contentResponseToClient(question, first.presentation as unknown as Presentation, correctResponse(question))!;
  const bank = await db.questionBank.create({ data: { name: "X's bank", ownerId: users.instructorX.id }, select: { id: true } });
  const saved = await saveQuestion(
    { ...users.instructorX, role: "INSTRUCTOR" },
    { bankId: bank.id, topicSlug: "plaza-accord", question: BANK_X_QUESTION },
  );
  const q = await db.question.findUniqueOrThrow({ where: { id: saved.questionId }, select: { currentVersionId: true } });
  return {
    users,
    classX,
    classY,
    assignmentX,
    attemptX: { id: attemptId, firstAnswer },
    bankX: { id: bank.id, questionId: saved.questionId, versionId: q.currentVersionId!, question: BANK_X_QUESTION },
  };
}

/** Calls the action as whoever is signed in; must return its result (or throw Next's redirect). */
export type ActionCase = (f: Fixture) => Promise<unknown>;

const ASSIGNMENT_SETTINGS = {
  gradingMethod: "HIGHEST",
  reviewTiming: "IMMEDIATELY",
  navigation: "FREE",
  layout: "all",
  graceSeconds: "60",
};

async function quizIdOf(slug: string): Promise<string> {
  return (await appDb().quiz.findUniqueOrThrow({ where: { slug }, select: { id: true } })).id;
}

/**
 * For an action that needs a row the shared fixture lacks: makes it, runs the action, and removes it again when the
 * action was refused, so a denied cell still compares against an unchanged database.
 */
async function withScaffold<T>(
  make: () => Promise<T>,
  run: (made: T) => Promise<unknown>,
  undo: (made: T) => Promise<unknown>,
): Promise<unknown> {
  const made = await make();
  const result = await run(made);
  if ((result as { ok?: boolean } | null)?.ok !== true) await undo(made);
  return result;
}

/** A registration for LTI cases (the platform need not exist: nothing is fetched from it). */
async function ltiPlatform() {
  return unsafeAddPlatform({
    issuer: "https://lms.example",
    clientId: "authz-client",
    deploymentIds: ["d-1"],
    authUrl: "https://lms.example/auth",
    tokenUrl: "https://lms.example/token",
    jwksUrl: "https://lms.example/jwks",
  });
}

async function deniedUnless(res: Response, ok: (res: Response) => boolean): Promise<void> {
  if (!ok(res)) throw new NotFoundError(`answered ${res.status}`);
}

export const actionCases: Record<string, ActionCase> = {
  "classes.createClassAction": () => createClassAction(null, fd({ name: "New class", term: "Fall" })),
  "classes.regenerateJoinCodeAction": (f) => regenerateJoinCodeAction(null, fd({ classId: f.classX.id })),
  "classes.setJoinEnabledAction": (f) => setJoinEnabledAction(null, fd({ classId: f.classX.id, enabled: "false" })),
  "classes.removeStudentAction": (f) => removeStudentAction(null, fd({ classId: f.classX.id, studentId: f.users.studentX.id })),
  "classes.addCoInstructorAction": (f) => addCoInstructorAction(null, fd({ classId: f.classX.id, email: f.users.instructorY.email })),
  "classes.joinClassAction": (f) => joinClassAction(null, fd({ code: f.classX.joinCode })),
  "classes.leaveClassAction": (f) => leaveClassAction(null, fd({ classId: f.classX.id })),
  // Not plaza-accord: studentX's open graded Plaza Accord quiz holds that topic back from practice (lib/quiz/integrity.ts).
  "attempts.startPracticeAction": () => startPracticeAction(null, fd({ topic: "tpp-to-cptpp" })),
  "attempts.startAssignmentAction": (f) => startAssignmentAction({ assignmentId: f.assignmentX.id }),
  "attempts.saveAnswerAction": (f) => saveAnswerAction({ attemptId: f.attemptX.id, position: 0, seq: 1, response: f.attemptX.firstAnswer }),
  "attempts.submitAttemptAction": (f) => submitAttemptAction({ attemptId: f.attemptX.id }),
  // "Next question" exists only in one-at-a-time attempts: attemptX is made one for the call, and put back when denied.
  "attempts.advanceAttemptAction": (f) =>
    withScaffold(
      () => appDb().attempt.update({ where: { id: f.attemptX.id }, data: { sequential: true }, select: { id: true } }),
      () => advanceAttemptAction({ attemptId: f.attemptX.id, fromPosition: 0 }),
      () => appDb().attempt.update({ where: { id: f.attemptX.id }, data: { sequential: false } }),
    ),
  "attempt-questions.flagQuestionAction": (f) => flagQuestionAction({ attemptId: f.attemptX.id, position: 0, flagged: true }),
  "attempt-questions.checkPracticeAnswerAction": (f) =>
    withScaffold(
      () => makePracticeAttempt(f),
      (p) => checkPracticeAnswerAction({ attemptId: p.attemptId, position: 0, response: p.firstAnswer }),
      (p) => appDb().attempt.deleteMany({ where: { id: p.attemptId } }),
    ),
  "attempt-questions.practiceHintAction": (f) =>
    withScaffold(
      () => makePracticeAttempt(f),
      (p) => practiceHintAction({ attemptId: p.attemptId, position: 0 }),
      (p) => appDb().attempt.deleteMany({ where: { id: p.attemptId } }),
    ),
  "attempt-questions.trySimilarQuestionAction": (f) =>
    withScaffold(
      async () => {
        const p = await makePracticeAttempt(f);
        await appDb().attemptItem.updateMany({
          where: { attemptId: p.attemptId, position: 0 },
          data: { checkedAt: new Date(), points: 0, fraction: 0, gradeDetail: { status: "incorrect", detail: null } },
        });
        return p;
      },
      (p) => trySimilarQuestionAction({ attemptId: p.attemptId, position: 0 }),
      (p) => appDb().attempt.deleteMany({ where: { id: p.attemptId } }),
    ),
  "assignments.assignModuleAction": (f) => assignModuleAction(null, fd({ classId: f.classX.id, ...ASSIGNMENT_SETTINGS })),
  "assignments.createCustomQuizAction": (f) =>
    createCustomQuizAction(null, fd({ classId: f.classX.id, title: "Plaza drill", topics: "plaza-accord", questionCount: "5" })),
  "assignments.assignQuizAction": async (f) =>
    assignQuizAction(null, fd({ classId: f.classX.id, quizId: await quizIdOf("friend-shoring-quiz"), ...ASSIGNMENT_SETTINGS })),
  "assignments.updateAssignmentAction": (f) =>
    updateAssignmentAction(null, fd({ assignmentId: f.assignmentX.id, ...ASSIGNMENT_SETTINGS, attemptsAllowed: "3" })),
  // assignmentX has studentX's attempt, so deleting needs an unattempted one: made here, removed again when denied.
  "assignments.deleteAssignmentAction": (f) =>
    withScaffold(
      async () =>
        (
          await appDb().assignment.create({
            data: { classId: f.classX.id, quizId: await quizIdOf("friend-shoring-quiz") },
            select: { id: true },
          })
        ).id,
      (id) => deleteAssignmentAction(null, fd({ assignmentId: id })),
      (id) => appDb().assignment.deleteMany({ where: { id } }),
    ),
  "assignments.setOverrideAction": (f) =>
    setOverrideAction(null, fd({ assignmentId: f.assignmentX.id, studentId: f.users.studentX.id, extraAttempts: "1" })),
  // Clearing needs an override: made here, removed again when denied.
  "assignments.clearOverrideAction": (f) =>
    withScaffold(
      () => appDb().assignmentOverride.create({ data: { assignmentId: f.assignmentX.id, userId: f.users.studentX.id, extraAttempts: 1 } }),
      () => clearOverrideAction(null, fd({ assignmentId: f.assignmentX.id, studentId: f.users.studentX.id })),
      () => appDb().assignmentOverride.deleteMany({ where: { assignmentId: f.assignmentX.id, userId: f.users.studentX.id } }),
    ),
  "assignments.setAccommodationAction": (f) =>
    setAccommodationAction(null, fd({ classId: f.classX.id, studentId: f.users.studentX.id, factor: "1.5" })),
  // A due review card of studentX's, put on screen as /review would (made here, removed again when denied).
  "review.answerReviewCardAction": (f) =>
    withScaffold(
      () => makeShownReviewCard(f),
      (shown) => answerReviewCardAction(shown),
      (shown) => appDb().reviewCard.deleteMany({ where: { id: shown.cardId } }),
    ),
  "question-banks.createBankAction": () => createBankAction(null, fd({ name: "My new bank" })),
  "question-banks.renameBankAction": (f) => renameBankAction(null, fd({ bankId: f.bankX.id, name: "Renamed bank" })),
  "question-banks.shareBankAction": (f) => shareBankAction(null, fd({ bankId: f.bankX.id, classId: f.classX.id })),
  // An edit of bankX's question (a new version).
  "question-banks.saveQuestionAction": (f) =>
    saveQuestionAction({
      bankId: f.bankX.id,
      questionId: f.bankX.questionId,
      topicSlug: "plaza-accord",
      question: { ...f.bankX.question, prompt: "In which year was the Plaza Accord signed?" },
    }),
  "question-banks.saveQuestionDraftAction": (f) =>
    saveQuestionDraftAction({ bankId: f.bankX.id, questionId: f.bankX.questionId, data: { form: { prompt: "half typed" } } }),
  "question-banks.discardQuestionDraftAction": (f) => discardQuestionDraftAction({ bankId: f.bankX.id }),
  // A course content question copied into bankX (then the editor of the copy opens).
  "question-banks.duplicateQuestionAction": async (f) => {
    const content = await appDb().question.findFirstOrThrow({ where: { bankId: null }, orderBy: { key: "asc" }, select: { id: true } });
    return duplicateQuestionAction(null, fd({ questionId: content.id, bankId: f.bankX.id }));
  },
  "question-banks.setQuestionRetiredAction": (f) =>
    setQuestionRetiredAction(null, fd({ bankId: f.bankX.id, questionId: f.bankX.questionId, retired: "true" })),
  "question-banks.regradeDryRunAction": (f) => regradeDryRunAction({ questionId: f.bankX.questionId }),
  "question-banks.applyRegradeAction": (f) => applyRegradeAction({ questionId: f.bankX.questionId, expectVersionId: f.bankX.versionId }),
  "account.updateDisplayNameAction": () => updateDisplayNameAction(null, fd({ name: "Renamed" })),
  // Fixture accounts have no password: all get the same one first, taken away again when the change was refused.
  "account.changePasswordAction": () =>
    withScaffold(
      async () => appDb().user.updateMany({ data: { passwordHash: await knownPasswordHash() } }),
      () =>
        changePasswordAction(
          null,
          fd({ currentPassword: KNOWN_PASSWORD, newPassword: "a brand new passphrase", newPasswordAgain: "a brand new passphrase" }),
        ),
      () => appDb().user.updateMany({ data: { passwordHash: null } }),
    ),
  "account.signOutEverywhereAction": () => signOutEverywhereAction(null, fd({})),
  "account.saveTimeZoneAction": () => saveTimeZoneAction({ timeZone: "Asia/Tokyo" }),
  "lti.addPlatformAction": () =>
    addPlatformAction(
      null,
      fd({
        issuer: "https://lms.example",
        clientId: "c-1",
        deploymentIds: "d-1",
        authUrl: "https://lms.example/auth",
        tokenUrl: "https://lms.example/token",
        jwksUrl: "https://lms.example/jwks",
      }),
    ),
  "lti.removePlatformAction": () =>
    withScaffold(
      () => ltiPlatform(),
      (p) => removePlatformAction(null, fd({ platformId: p.id })),
      (p) => appDb().ltiPlatform.deleteMany({ where: { id: p.id } }),
    ),
  "lti.resendScoreAction": (f) => {
    setScoreSyncKick(false); // the resend only queues; nothing may be sent behind the snapshot's back
    return withScaffold(
      async () => {
        const p = await ltiPlatform();
        const link = await appDb().ltiResourceLink.create({
          data: {
            platformId: p.id,
            resourceLinkId: "rl-1",
            classId: f.classX.id,
            assignmentId: f.assignmentX.id,
            lineItemUrl: "https://lms.example/li/1",
          },
        });
        const sync = await appDb().ltiScoreSync.create({
          data: {
            linkId: link.id,
            userId: f.users.studentX.id,
            sub: "sx",
            scoreGiven: 1,
            scoreMaximum: 2,
            timestamp: new Date(),
            status: "FAILED",
          },
        });
        return { p, sync };
      },
      ({ sync }) => resendScoreAction(null, fd({ classId: f.classX.id, syncId: sync.id })),
      ({ p }) => appDb().ltiPlatform.deleteMany({ where: { id: p.id } }),
    );
  },
};

/** A practice attempt of studentX's on a topic no graded quiz holds, and a valid answer to its first question. */
async function makePracticeAttempt(f: Fixture): Promise<{ attemptId: string; firstAnswer: ClientResponse }> {
  const { attemptId } = await startPracticeAttempt({ ...f.users.studentX, role: "LEARNER" }, "tpp-to-cptpp");
  const first = await appDb().attemptItem.findFirstOrThrow({
    where: { attemptId, position: 0 },
    select: { presentation: true, questionVersion: { select: { data: true } } },
  });
  const question = first.questionVersion.data as unknown as Question;
  return {
    attemptId,
    firstAnswer: contentResponseToClient(question, first.presentation as unknown as Presentation, correctResponse(question))!,
  };
}

const KNOWN_PASSWORD = "matrix passphrase 1985";
let knownHash: Promise<string> | null = null;
const knownPasswordHash = () => (knownHash ??= hashPassword(KNOWN_PASSWORD));

/**
 * studentX's card for a TPP question (not in the Plaza Accord pool that studentX's open graded attempt holds back),
 * due a minute ago and shown, with a valid answer to the showing.
 */
async function makeShownReviewCard(f: Fixture): Promise<{ cardId: string; showingId: string; response: ClientResponse }> {
  const tpp = await appDb().question.findFirstOrThrow({
    where: { topicSlug: "tpp-to-cptpp" },
    orderBy: { key: "asc" },
    select: { id: true },
  });
  await appDb().reviewCard.create({
    data: { userId: f.users.studentX.id, questionId: tpp.id, due: new Date(Date.now() - 60_000), stability: 0, difficulty: 0 },
  });
  const session = await getReviewSession({ ...f.users.studentX, role: "LEARNER" });
  const card = await appDb().reviewCard.findUniqueOrThrow({
    where: { id: session.card!.cardId },
    select: { pendingPresentation: true, pendingVersionId: true },
  });
  const version = await appDb().questionVersion.findUniqueOrThrow({ where: { id: card.pendingVersionId! }, select: { data: true } });
  const question = version.data as unknown as Question;
  const response = contentResponseToClient(question, card.pendingPresentation as unknown as Presentation, correctResponse(question))!;
  return { cardId: session.card!.cardId, showingId: session.card!.showingId, response };
}

/** Renders the page (or calls its data function) as whoever is signed in; redirect/notFound/NotFoundError = deny. */
export type RouteProbe = (f: Fixture) => Promise<unknown>;

/** instructorX's private question bank (made on first use), the target of the import and export probes. */
async function bankOfX(f: Fixture): Promise<string> {
  const found = await appDb().questionBank.upsert({
    where: { ownerId_name: { ownerId: f.users.instructorX.id, name: "Matrix bank X" } },
    create: { ownerId: f.users.instructorX.id, name: "Matrix bank X" },
    update: {},
    select: { id: true },
  });
  return found.id;
}

export const routeProbes: Record<string, RouteProbe> = {
  "/": () => HomePage(),
  "/signin": () => SignInPage({ searchParams: Promise.resolve({}) }),
  "/signup": () => SignUpPage({ searchParams: Promise.resolve({}) }),
  "/forgot-password": async () => ForgotPasswordPage(),
  "/reset-password/[token]": async () => {
    const html = await renderPageHtml(ResetPasswordPage({ params: Promise.resolve({ token: "A".repeat(43) }) }));
    if (!html.includes("expired or was already used") || html.includes('name="newPassword"')) throw new Error("a dead link showed a form");
  },
  "/api/health": async () => {
    const res = await healthGET();
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
  },
  // next-auth's own endpoints are public by design: the real handler answers with the providers and a CSRF token.
  "/api/auth/[...nextauth]": async () => {
    const providers = await nextAuthGET(new NextRequest("http://koza.test/api/auth/providers"));
    if (providers.status !== 200) throw new Error(`/api/auth/providers answered ${providers.status}`);
    if (!("credentials" in ((await providers.json()) as object))) throw new Error("/api/auth/providers lacks the credentials provider");
    const csrf = await nextAuthGET(new NextRequest("http://koza.test/api/auth/csrf"));
    if (!((await csrf.json()) as { csrfToken?: string }).csrfToken) throw new Error("/api/auth/csrf gave no token");
  },
  "/learn": async () => {
    if (!(await renderPageHtml(LearnPage())).includes("Plaza")) throw new Error("/learn does not list the lessons");
  },
  "/learn/[topic]": async () => {
    const html = await renderPageHtml(LessonPage({ params: Promise.resolve({ topic: "plaza-accord" }) }));
    if (!html.includes("<h1")) throw new Error("/learn/plaza-accord rendered no lesson");
  },
  "/join/[code]": (f) => JoinPage({ params: Promise.resolve({ code: f.classX.joinCode }) }),
  "/teach": () => TeachPage(),
  "/teach/classes/[id]": (f) => ClassPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/teach/classes/[id]/assignments": (f) => ClassAssignmentsPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/teach/classes/[id]/scores": (f) => ClassScoresPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/teach/classes/[id]/students": (f) => ClassStudentsPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/teach/classes/[id]/settings": (f) => ClassSettingsPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/practice/[topic]": () => PracticePage({ params: Promise.resolve({ topic: "plaza-accord" }) }),
  "/attempts/[id]": (f) => AttemptPage({ params: Promise.resolve({ id: f.attemptX.id }) }),
  "/api/attempts/[attemptId]/answers": async (f) => {
    const res = await saveAnswerPOST(
      new Request(`http://koza.test/api/attempts/${f.attemptX.id}/answers`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: "http://koza.test", host: "koza.test" },
        body: JSON.stringify({ position: 0, seq: 1, response: f.attemptX.firstAnswer }),
      }),
      { params: Promise.resolve({ attemptId: f.attemptX.id }) },
    );
    if (res.status !== 200) throw new NotFoundError("That attempt");
    if (!((await res.json()) as { ok?: boolean }).ok) throw new Error("the save was not stored");
  },
  "/assignments/[id]": (f) => AssignmentStartPage({ params: Promise.resolve({ id: f.assignmentX.id }) }),
  "/dashboard": () => DashboardPage(),
  "/review": () => ReviewPage(),
  "/teach/classes/[id]/students/[studentId]/progress": (f) =>
    StudentProgressPage({ params: Promise.resolve({ id: f.classX.id, studentId: f.users.studentX.id }) }),
  "/teach/classes/[id]/items": (f) =>
    ItemStatisticsPage({ params: Promise.resolve({ id: f.classX.id }), searchParams: Promise.resolve({}) }),
  "/teach/classes/[id]/students/[studentId]": (f) =>
    StudentResultsPage({ params: Promise.resolve({ id: f.classX.id, studentId: f.users.studentX.id }) }),
  "/teach/classes/[id]/scores.csv": async (f) => {
    const res = await scoresCsvGET(new Request(`http://koza.test/teach/classes/${f.classX.id}/scores.csv`), {
      params: Promise.resolve({ id: f.classX.id }),
    });
    if (res.status !== 200) throw new NotFoundError("That class");
    if (!(await res.text()).startsWith("Name,Email,")) throw new Error("not the score table");
  },
  "/teach/bank": () => BankPage(),
  "/teach/bank/[bankId]/questions/new": (f) => NewBankQuestionPage({ params: Promise.resolve({ bankId: f.bankX.id }) }),
  "/teach/bank/[bankId]/questions/[questionId]": (f) =>
    EditBankQuestionPage({ params: Promise.resolve({ bankId: f.bankX.id, questionId: f.bankX.questionId }) }),
  "/teach/bank/export": async () => {
    const res = await bankExportGET(new Request("http://koza.test/teach/bank/export?topic=plaza-accord"));
    if (res.status !== 200) throw new NotFoundError("That bank");
    if (!(await res.text()).includes("questions:")) throw new Error("export is not a bank file");
  },
  "/account": () => AccountPage(),
  "/teach/bank/import": () => BankImportPage(),
  "/api/teach/bank/import": async (f) => {
    const form = new FormData();
    form.set("bankId", await bankOfX(f));
    form.set("defaultTopic", "plaza-accord");
    form.set("file", new Blob(["::Probe::The matrix probe question.{T}"]), "probe.gift.txt");
    const res = await bankImportPOST(new Request("http://koza.test/api/teach/bank/import", { method: "POST", body: form }));
    if (res.status === 401 || res.status === 404) throw new NotFoundError("That question bank");
    const body = (await res.json()) as { ok: boolean; applied?: boolean; report?: { counts: { byStatus: { imported: number } } } };
    if (!body.ok || body.applied || body.report?.counts.byStatus.imported !== 1)
      throw new Error(`import report unexpected: ${JSON.stringify(body)}`);
  },
  "/api/teach/bank/[bankId]/export": async (f) => {
    const bankId = await bankOfX(f);
    const res = await bankFileExportGET(new Request(`http://koza.test/api/teach/bank/${bankId}/export?format=gift`), {
      params: Promise.resolve({ bankId }),
    });
    if (res.status === 401 || res.status === 404) throw new NotFoundError("That question bank");
    if (!(await res.text()).startsWith("// Exported from Koza")) throw new Error("export is not a GIFT file");
  },
  "/api/images/[imageId]": async (f) => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGM4IScHRwzEcQCxYxBBO0tjggAAAABJRU5ErkJggg==",
      "base64",
    );
    const image = await appDb().bankImage.upsert({
      where: { bankId_sha256: { bankId: f.bankX.id, sha256: "matrix-image" } },
      create: { id: "matrixImageOfBankX00001", bankId: f.bankX.id, sha256: "matrix-image", mime: "image/png", bytes: png },
      update: {},
      select: { id: true },
    });
    const res = await bankImageGET(new Request(`http://koza.test/api/images/${image.id}`), {
      params: Promise.resolve({ imageId: image.id }),
    });
    await deniedUnless(res, (r) => r.status === 200 && r.headers.get("Content-Type") === "image/png");
  },
  "/admin/lti": () => AdminLtiPage(),
  "/teach/classes/[id]/lti": (f) => LtiSyncPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/api/lti/jwks": async () => {
    const res = await ltiJwksGET();
    const body = (await res.json()) as { keys: { d?: string }[] };
    if (body.keys.length !== 1 || body.keys[0]!.d !== undefined) throw new Error("the key set is not one public key");
  },
  "/api/lti/login": async () => {
    await ltiPlatform();
    const q = new URLSearchParams({
      iss: "https://lms.example",
      client_id: "authz-client",
      login_hint: "h",
      target_link_uri: "http://koza.test/api/lti/launch",
    });
    await deniedUnless(await ltiLoginGET(new NextRequest(`http://koza.test/api/lti/login?${q}`)), (r) => r.status === 302);
  },
  "/api/lti/launch": async () => {
    const res = await ltiLaunchPOST(
      new NextRequest("http://koza.test/api/lti/launch", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ id_token: "x.y.z", state: "s" }).toString(),
      }),
    );
    await deniedUnless(res, (r) => r.status < 400);
  },
  "/api/lti/link": async () => {
    const res = await ltiLinkPOST(
      new NextRequest("http://koza.test/api/lti/link", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://koza.test" },
        body: new URLSearchParams({ action: "new" }).toString(),
      }),
    );
    await deniedUnless(res, (r) => r.status < 400);
  },
  "/api/lti/check": async () => {
    await deniedUnless(
      await ltiCheckGET(new NextRequest(`http://koza.test/api/lti/check?ticket=${"A".repeat(43)}`)),
      (r) => r.status < 400,
    );
  },
  "/api/lti/handoff": async () => {
    const res = await ltiHandoffPOST(
      new NextRequest("http://koza.test/api/lti/handoff", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://koza.test" },
        body: new URLSearchParams({ ticket: "A".repeat(43) }).toString(),
      }),
    );
    await deniedUnless(res, (r) => r.status < 400);
  },
  "/api/lti/deep-link": async (f) => {
    const p = await ltiPlatform();
    const ctx = await signDeepLinkContext({
      platformId: p.id,
      deploymentId: "d-1",
      returnUrl: "https://lms.example/return",
      data: null,
      userId: f.users.instructorX.id,
      classId: f.classX.id,
    });
    const quizId = await quizIdOf("plaza-accord-quiz");
    const res = await ltiDeepLinkPOST(
      new NextRequest("http://koza.test/api/lti/deep-link", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ctx, quizId }).toString(),
      }),
    );
    await deniedUnless(res, (r) => r.status === 200 && r.headers.get("content-security-policy")!.includes("https://lms.example"));
  },
};
