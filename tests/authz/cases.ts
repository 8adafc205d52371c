// Input builders for the authorization matrix: how to call each action and route "on class X" as the current actor.
// Add a case next to its row in matrix.ts; a row without a case shows up as a todo in the matrix test.
import { GET as healthGET } from "@/app/api/health/route";
import JoinPage from "@/app/join/[code]/page";
import SignInPage from "@/app/signin/page";
import SignUpPage from "@/app/signup/page";
import ClassPage from "@/app/teach/classes/[id]/page";
import TeachPage from "@/app/teach/page";
import HomePage from "@/app/page";
import {
  addCoInstructorAction,
  createClassAction,
  joinClassAction,
  leaveClassAction,
  regenerateJoinCodeAction,
  removeStudentAction,
  setJoinEnabledAction,
} from "@/lib/actions/classes";
import { getLesson, listTopics } from "@/lib/dal/course";
import { saveAnswerAction, startAssignmentAction, startPracticeAction, submitAttemptAction } from "@/lib/actions/attempts";
import { startAssignedAttempt } from "@/lib/dal/attempts";
import { contentResponseToClient, type ClientResponse, type Presentation } from "@/lib/grading";
import type { Question } from "@/lib/content/schema";
import { correctResponse } from "@/tests/integration/support/fixtures";
import AttemptPage from "@/app/attempts/[id]/page";
import PracticePage from "@/app/practice/[topic]/page";
import type { Db } from "@/lib/db/client";
import type { Actor } from "./matrix";
import { fd, makeClass, makeUser } from "./support";

type Person = { id: string; email: string; name: string };
export type Fixture = {
  users: Record<Exclude<Actor, "anonymous">, Person>;
  classX: { id: string; joinCode: string };
  classY: { id: string; joinCode: string };
  /** The Plaza Accord quiz assigned to class X (needs the course content seeded). */
  assignmentX: { id: string };
  /** studentX's open attempt at it, and a valid answer to its first question (opaque ids). */
  attemptX: { id: string; firstAnswer: ClientResponse };
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
  };
  const classX = await makeClass(db, users.instructorX.id, "Class X", "XXXX-XXXX-XX");
  const classY = await makeClass(db, users.instructorY.id, "Class Y", "YYYY-YYYY-YY");
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
  return { users, classX, classY, assignmentX, attemptX: { id: attemptId, firstAnswer } };
}

/** Calls the action as whoever is signed in; must return its result (or throw Next's redirect). */
export type ActionCase = (f: Fixture) => Promise<unknown>;

export const actionCases: Record<string, ActionCase> = {
  "classes.createClassAction": () => createClassAction(null, fd({ name: "New class", term: "Fall" })),
  "classes.regenerateJoinCodeAction": (f) => regenerateJoinCodeAction(null, fd({ classId: f.classX.id })),
  "classes.setJoinEnabledAction": (f) => setJoinEnabledAction(null, fd({ classId: f.classX.id, enabled: "false" })),
  "classes.removeStudentAction": (f) => removeStudentAction(null, fd({ classId: f.classX.id, studentId: f.users.studentX.id })),
  "classes.addCoInstructorAction": (f) => addCoInstructorAction(null, fd({ classId: f.classX.id, email: f.users.instructorY.email })),
  "classes.joinClassAction": (f) => joinClassAction(null, fd({ code: f.classX.joinCode })),
  "classes.leaveClassAction": (f) => leaveClassAction(null, fd({ classId: f.classX.id })),
  "attempts.startPracticeAction": () => startPracticeAction(null, fd({ topic: "plaza-accord" })),
  "attempts.startAssignmentAction": (f) => startAssignmentAction(null, fd({ assignmentId: f.assignmentX.id })),
  "attempts.saveAnswerAction": (f) => saveAnswerAction({ attemptId: f.attemptX.id, position: 0, seq: 1, response: f.attemptX.firstAnswer }),
  "attempts.submitAttemptAction": (f) => submitAttemptAction({ attemptId: f.attemptX.id }),
};

/** Renders the page (or calls its data function) as whoever is signed in; redirect/notFound/NotFoundError = deny. */
export type RouteProbe = (f: Fixture) => Promise<unknown>;

export const routeProbes: Record<string, RouteProbe> = {
  "/": () => HomePage(),
  "/signin": () => SignInPage({ searchParams: Promise.resolve({}) }),
  "/signup": () => SignUpPage({ searchParams: Promise.resolve({}) }),
  "/api/health": async () => {
    const res = await healthGET();
    if (res.status !== 200) throw new Error(`health answered ${res.status}`);
  },
  // next-auth's own endpoints are public by design; e2e exercises them against a real server.
  "/api/auth/[...nextauth]": async () => undefined,
  "/learn": () => listTopics(),
  "/learn/[topic]": () => getLesson("no-such-topic"),
  "/join/[code]": (f) => JoinPage({ params: Promise.resolve({ code: f.classX.joinCode }) }),
  "/teach": () => TeachPage(),
  "/teach/classes/[id]": (f) => ClassPage({ params: Promise.resolve({ id: f.classX.id }) }),
  "/practice/[topic]": () => PracticePage({ params: Promise.resolve({ topic: "plaza-accord" }) }),
  "/attempts/[id]": (f) => AttemptPage({ params: Promise.resolve({ id: f.attemptX.id }) }),
};
