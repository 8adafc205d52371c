// The authorization matrix: for every server action and every route, who may use it. Machine-readable; checked by
// tests/integration/authorization-matrix.test.ts, which fails when an action or route has no row here.
//
// To add a row: put the action under actionMatrix as "<module>.<exportName>" (module = file name in lib/actions),
// or the route under routeMatrix as its URL pattern ("/teach/classes/[id]"), with allow(...) listing who may use
// it; then give it an input builder in tests/authz/cases.ts (actionCases / routeProbes) so every cell runs.

/**
 * ltiInstructorX is what an LTI launch with an instructor role in class X's course makes: an account with no global
 * role (LEARNER) that teaches class X only (a ClassInstructor row) and is known by its (iss, sub).
 */
export const ACTORS = ["anonymous", "learnerA", "learnerB", "studentX", "instructorX", "instructorY", "admin", "ltiInstructorX"] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = "allow" | "deny";
export type Row = Readonly<Record<Actor, Outcome>>;

/** A row in which exactly the listed actors are allowed. */
export function allow(...actors: Actor[]): Row {
  return Object.fromEntries(ACTORS.map((a) => [a, actors.includes(a) ? "allow" : "deny"])) as Row;
}

const EVERYONE = allow(...ACTORS);
const SIGNED_IN = allow("learnerA", "learnerB", "studentX", "instructorX", "instructorY", "admin", "ltiInstructorX");
const INSTRUCTORS = allow("instructorX", "instructorY", "admin");
/** Whoever teaches class X, by a per-class check: its owner, and an LTI instructor launched into it (no global role). */
const TEACHES_X = allow("instructorX", "ltiInstructorX");
const STUDENT_OF_X = allow("studentX");
/** instructorX's private question bank. */
const OWNS_BANK_X = allow("instructorX");

/** Public entry points, deliberately without rows: anyone may call them (they gate on credentials themselves). */
export const PUBLIC_ACTIONS = [
  "auth.signUpAction",
  "auth.signInAction",
  "auth.signOutAction",
  "auth.signInWithProviderAction",
  // "Forgot password?": the person is signed out; the mailed token is the only authority (tests/integration/password-reset.test.ts)
  "password-reset.requestPasswordResetAction",
  "password-reset.resetPasswordAction",
];

/**
 * What each cell means is fixed by its case in cases.ts: class X (taught by instructorX, with studentX enrolled),
 * class Y (taught by instructorY). "allow" = the action succeeds (ok: true or a redirect); "deny" = ok: false with
 * nothing changed in the database.
 */
export const actionMatrix: Record<string, Row> = {
  // classes
  "classes.createClassAction": INSTRUCTORS,
  "classes.regenerateJoinCodeAction": TEACHES_X, // class X
  "classes.setJoinEnabledAction": TEACHES_X, // class X, off
  "classes.removeStudentAction": TEACHES_X, // studentX from class X
  "classes.addCoInstructorAction": TEACHES_X, // instructorY's email to class X
  // class X's code: its student is already in, its instructor cannot join; anyone else signed in can.
  "classes.joinClassAction": allow("learnerA", "learnerB", "instructorY", "admin"),
  "classes.leaveClassAction": STUDENT_OF_X, // class X

  // attempts (rows by the class work; the quiz work owns their cases and should confirm these expectations)
  "attempts.startPracticeAction": SIGNED_IN,
  "attempts.startAssignmentAction": STUDENT_OF_X, // an assignment of class X
  "attempts.saveAnswerAction": STUDENT_OF_X, // studentX's open attempt
  "attempts.submitAttemptAction": STUDENT_OF_X, // studentX's open attempt
  "attempts.advanceAttemptAction": STUDENT_OF_X, // studentX's open attempt, made one-at-a-time
  "attempt-questions.flagQuestionAction": STUDENT_OF_X, // a question of studentX's open attempt
  // practice's per-question steps, on a practice attempt of studentX's (the graded attemptX refuses them for everyone)
  "attempt-questions.checkPracticeAnswerAction": STUDENT_OF_X,
  "attempt-questions.practiceHintAction": STUDENT_OF_X,
  "attempt-questions.trySimilarQuestionAction": STUDENT_OF_X, // after a checked miss

  // assignments (instructors of the class only; admins do not teach class X)
  "assignments.assignModuleAction": TEACHES_X, // class X (the Plaza Accord quiz is skipped, the rest assigned)
  "assignments.assignQuizAction": TEACHES_X, // the Friend-shoring quiz to class X
  "assignments.createCustomQuizAction": TEACHES_X, // a Plaza Accord quiz for class X
  "assignments.updateAssignmentAction": TEACHES_X, // assignmentX
  "assignments.deleteAssignmentAction": TEACHES_X, // an unattempted assignment of class X
  "assignments.setOverrideAction": TEACHES_X, // studentX on assignmentX
  "assignments.clearOverrideAction": TEACHES_X, // studentX's override on assignmentX
  "assignments.setAccommodationAction": TEACHES_X, // studentX in class X

  // spaced review: only the card's owner, answering the showing on screen
  "review.answerReviewCardAction": STUDENT_OF_X, // studentX's due card (a Plaza Accord question), shown in /review

  // instructors' own question banks: bankX is instructorX's private bank (others get "not found", admins included)
  "question-banks.createBankAction": INSTRUCTORS,
  "question-banks.renameBankAction": OWNS_BANK_X,
  "question-banks.shareBankAction": OWNS_BANK_X, // with class X
  "question-banks.saveQuestionAction": OWNS_BANK_X, // an edit of bankX's question
  "question-banks.saveQuestionDraftAction": OWNS_BANK_X,
  "question-banks.discardQuestionDraftAction": OWNS_BANK_X,
  "question-banks.duplicateQuestionAction": OWNS_BANK_X, // a content question into bankX
  "question-banks.setQuestionRetiredAction": OWNS_BANK_X,
  "question-banks.regradeDryRunAction": OWNS_BANK_X,
  "question-banks.applyRegradeAction": OWNS_BANK_X,

  // the account page: anyone signed in, always on their own account (nothing to name another's by)
  "account.updateDisplayNameAction": SIGNED_IN,
  "account.changePasswordAction": SIGNED_IN, // every fixture account given the same known password first
  "account.signOutEverywhereAction": SIGNED_IN,
  "account.saveTimeZoneAction": SIGNED_IN, // the browser's zone, on the viewer's own account

  // LTI 1.3 (issue 14): registrations are the administrator's; a grade resend is for the class's instructors only
  "lti.addPlatformAction": allow("admin"),
  "lti.removePlatformAction": allow("admin"), // a registration made for the case
  "lti.resendScoreAction": TEACHES_X, // studentX's grade-passback row for a resource link of class X
};

/** "allow" = the page renders (or its data call resolves); "deny" = redirect to sign-in or not found. */
export const routeMatrix: Record<string, Row> = {
  "/": EVERYONE,
  "/signin": EVERYONE,
  "/signup": EVERYONE,
  "/forgot-password": EVERYONE,
  "/reset-password/[token]": EVERYONE, // an unknown token: the page says the link is dead, and shows no form
  "/api/health": EVERYONE,
  "/api/auth/[...nextauth]": EVERYONE,
  "/learn": EVERYONE,
  "/learn/[topic]": EVERYONE,
  "/join/[code]": EVERYONE, // class X's code: the page explains sign-in / already joined / you teach it
  "/teach": INSTRUCTORS,
  "/teach/classes/[id]": TEACHES_X, // class X (Overview tab)
  "/teach/classes/[id]/assignments": TEACHES_X, // class X's Assignments tab
  "/teach/classes/[id]/scores": TEACHES_X, // class X's Scores tab
  "/teach/classes/[id]/students": TEACHES_X, // class X's Students tab
  "/teach/classes/[id]/settings": TEACHES_X, // class X's Settings tab
  // quiz routes (cases owned by the quiz work)
  "/practice/[topic]": EVERYONE,
  "/attempts/[id]": STUDENT_OF_X, // studentX's attempt
  "/api/attempts/[attemptId]/answers": STUDENT_OF_X, // autosave into studentX's open attempt
  "/assignments/[id]": STUDENT_OF_X, // assignmentX's start page
  "/dashboard": SIGNED_IN,
  "/review": SIGNED_IN,
  "/teach/classes/[id]/students/[studentId]/progress": TEACHES_X, // studentX in class X
  "/teach/classes/[id]/items": TEACHES_X, // class X
  "/teach/classes/[id]/students/[studentId]": TEACHES_X, // studentX's attempts in class X
  "/teach/classes/[id]/scores.csv": TEACHES_X, // class X's full score table
  "/teach/bank": INSTRUCTORS,
  "/teach/bank/[bankId]/questions/new": OWNS_BANK_X, // bankX
  "/teach/bank/[bankId]/questions/[questionId]": OWNS_BANK_X, // bankX's question
  "/teach/bank/export": INSTRUCTORS, // ?topic=plaza-accord: the YAML holds answer keys
  "/teach/bank/import": INSTRUCTORS, // the import screen lists only the viewer's own (and shared) banks
  "/api/teach/bank/import": allow("instructorX"), // a dry-run report for instructorX's private bank
  "/api/teach/bank/[bankId]/export": allow("instructorX"), // instructorX's private bank as GIFT
  // An image of instructorX's private bank that no attempt shows (learners' access: tests/integration/bank-images.test.ts).
  "/api/images/[imageId]": allow("instructorX"),
  "/account": SIGNED_IN,
  // LTI 1.3 (issue 14). Login initiation and the key set are public by design; a launch is authorized by the
  // platform's signed id_token alone, so no session lets anyone through it (and a launch grants rights in its own
  // context's class only: tests/integration/lti.test.ts); the deep-linking answer needs the picker's signed context
  // *and* the session of the instructor it was issued to.
  "/admin/lti": allow("admin"),
  "/api/lti/jwks": EVERYONE,
  "/api/lti/login": EVERYONE, // a registered platform's login initiation: a redirect to its authorization endpoint
  "/api/lti/launch": allow(), // a form post without a valid id_token
  // The account-link step and the new-window fallback answer to their single-use tokens alone (a held launch bound to
  // the browser plus the account's password; a launch's ticket): no session gets anyone through without one
  // (tests/integration/lti-accounts.test.ts covers the tokens).
  "/api/lti/link": allow(), // Koza's own form post, without a held launch for this browser
  "/api/lti/check": allow(), // a made-up ticket
  "/api/lti/handoff": allow(), // Koza's own form post with a made-up ticket
  "/api/lti/deep-link": allow("instructorX"), // a picker context issued to instructorX for class X (bound to that account)
  "/teach/classes/[id]/lti": TEACHES_X, // class X's grade passback status
};
