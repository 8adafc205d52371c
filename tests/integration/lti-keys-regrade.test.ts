// Issue 14 follow-ups against the test platform: rotating Koza's signing key (`npm run admin -- lti rotate-key`: the
// key set lists old and new, new messages carry the new kid, the old key leaves once unused), and an applied regrade
// (issue 13) reaching the LMS gradebook: a new score, strictly newer, sent exactly once.
import { describe, expect, it } from "vitest";
import { decodeProtectedHeader } from "jose";
import { db } from "@/lib/db/client";
import { GET as jwksGET } from "@/app/api/lti/jwks/route";
import { RETIRED_KEY_PUBLISHED_MS, publicKeySet, unsafeRotateSigningKey, unsafeSigningKey } from "@/lib/dal/lti/keys";
import { unsafeRunScoreSync } from "@/lib/dal/lti/scores";
import { clearAgsTokenCache } from "@/lib/lti/ags";
import { addCoInstructorAction } from "@/lib/actions/classes";
import { createCustomQuizAction } from "@/lib/actions/assignments";
import { applyRegradeAction, createBankAction, regradeDryRunAction, saveQuestionAction } from "@/lib/actions/question-banks";
import { saveAnswerAction, submitAttemptAction } from "@/lib/actions/attempts";
import { signDeepLinkContext } from "@/lib/lti/deep-linking";
import type { Question } from "@/lib/content/schema";
import { parseAdminArgs } from "@/scripts/admin";
import { fd } from "@/tests/support/next";
import { answerAndSubmit, startAssignedAttemptAs } from "@/tests/support/start-attempt";
import { withTestDatabase } from "./support/database";
import { attemptItems, createUser, quizId } from "./support/fixtures";
import { LEARNER, landing, sessionUserOf, withLtiPlatform } from "./support/lti-launch";
import { signInAs } from "./support/session";

const database = withTestDatabase();
const lti = withLtiPlatform(database);

/** A learner launched into link-1 of the instructor's course, whose assignment is `koza_quiz`. */
async function learnerOnLink(kozaQuiz: string, sub = "learner-sub-1") {
  await lti.instructorLaunch({ koza_quiz: kozaQuiz });
  const learner = await lti.launchAs({ user: { sub, roles: LEARNER }, resourceLink: { id: "link-1", custom: { koza_quiz: kozaQuiz } } });
  return { learnerId: await sessionUserOf(learner), assignmentId: new URL(await landing(learner)).pathname.split("/").at(-1)! };
}

describe("signing key rotation", () => {
  it("lti rotate-key: both keys are published, new messages carry the new kid, the old key leaves once unused", async () => {
    expect(parseAdminArgs(["lti", "rotate-key"])).toEqual({ kind: "lti-rotate-key" });
    expect(() => parseAdminArgs(["lti", "rotate-key", "--now"])).toThrow(/usage/);

    const { learnerId, assignmentId } = await learnerOnLink(await quizId("plaza-accord-quiz"));
    signInAs(learnerId);
    const first = await startAssignedAttemptAs(assignmentId);
    await answerAndSubmit(first, [0]);
    const before = (await (await jwksGET()).json()) as { keys: { kid: string }[] };
    expect(before.keys).toHaveLength(1);
    const oldKid = before.keys[0]!.kid;
    expect(await unsafeRunScoreSync(new Date())).toEqual({ sent: 1, failed: 0 });
    expect(lti.platform().toolKids).toEqual([oldKid]); // the client assertion for the AGS token

    const rotated = await unsafeRotateSigningKey();
    expect(rotated.retired).toEqual([oldKid]);
    expect(rotated.kid).not.toBe(oldKid);
    const after = (await (await jwksGET()).json()) as { keys: Record<string, unknown>[] };
    expect(after.keys.map((k) => k.kid)).toEqual([oldKid, rotated.kid]);
    for (const k of after.keys) for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(k).not.toHaveProperty(secret);

    // New messages: a fresh AGS token's client assertion, and a deep-linking answer.
    clearAgsTokenCache();
    const second = await startAssignedAttemptAs(assignmentId);
    await answerAndSubmit(second);
    expect(await unsafeRunScoreSync(new Date(Date.now() + 1000))).toEqual({ sent: 1, failed: 0 });
    expect(lti.platform().toolKids).toEqual([oldKid, rotated.kid]);
    const platformRow = await db().ltiPlatform.findFirstOrThrow({ select: { id: true } });
    const picker = await signDeepLinkContext({
      platformId: platformRow.id,
      deploymentId: lti.platform().deploymentId,
      returnUrl: `${lti.platform().issuer}/deep-link-return`,
      data: null,
      userId: learnerId,
      classId: "c",
    });
    expect(decodeProtectedHeader(picker).kid).toBe(rotated.kid);
    expect((await unsafeSigningKey()).kid).toBe(rotated.kid);

    // A day later nothing signed with the old key is in flight: it leaves the key set, and the next rotation deletes it.
    const later = new Date(Date.now() + RETIRED_KEY_PUBLISHED_MS + 60_000);
    expect((await publicKeySet(later)).keys.map((k) => k.kid)).toEqual([rotated.kid]);
    const next = await unsafeRotateSigningKey(later);
    expect(next).toMatchObject({ retired: [rotated.kid], removed: [oldKid] });
    expect((await db().ltiKey.findMany({ select: { kid: true } })).map((k) => k.kid).sort()).toEqual([rotated.kid, next.kid].sort());
  });
});

/** A one-question bank quiz: option `key` is the correct one. */
const yearQuestion = (key: "a" | "b"): Question => ({
  key: "lti-regrade-year",
  type: "single",
  difficulty: "easy",
  points: 1,
  prompt: "Which year was the Plaza Accord signed?",
  paragraphs: [],
  outsideSources: [],
  options: [
    { id: "a", text: "1985", correct: key === "a" },
    { id: "b", text: "1971", correct: key === "b" },
  ],
});

describe("regrade → grade passback", () => {
  it("an applied regrade sends the changed score to the platform: newer timestamp, new scoreGiven, exactly once", async () => {
    // The course's instructor launches (the class is made), and adds their colleague, who keeps the question bank.
    const teacherId = await sessionUserOf(await lti.instructorLaunch());
    const classId = (await db().class.findFirstOrThrow({ select: { id: true } })).id;
    const colleague = await createUser("INSTRUCTOR", "bankkeeper");
    signInAs(teacherId);
    expect(await addCoInstructorAction(null, fd({ classId, email: colleague.email }))).toMatchObject({ ok: true });

    signInAs(colleague.id);
    const bank = await createBankAction(null, fd({ name: "Plaza" }));
    if (!bank.ok) throw new Error(bank.error);
    const saved = await saveQuestionAction({ bankId: bank.data.id, topicSlug: "plaza-accord", question: yearQuestion("a") });
    if (!saved.ok) throw new Error(saved.error);
    const quiz = await createCustomQuizAction(
      null,
      fd({ classId, title: "Plaza year", questionCount: "1", questionKeys: "lti-regrade-year" }),
    );
    if (!quiz.ok) throw new Error(quiz.error);

    // The link opens that quiz; the learner answers "1971" (wrong under the first key) and gets 0 of 1 in the LMS.
    const { learnerId, assignmentId } = await learnerOnLink(quiz.data.quizId);
    signInAs(learnerId);
    const attemptId = await startAssignedAttemptAs(assignmentId);
    const [item] = await attemptItems(attemptId);
    expect(
      await saveAnswerAction({ attemptId, position: 0, seq: 1, response: item!.asClient({ type: "single", optionId: "b" }) }),
    ).toMatchObject({
      ok: true,
    });
    expect(await submitAttemptAction({ attemptId })).toMatchObject({ ok: true });
    const now = Date.now();
    expect(await unsafeRunScoreSync(new Date(now))).toEqual({ sent: 1, failed: 0 });
    expect(lti.platform().scores).toMatchObject([{ userId: "learner-sub-1", scoreGiven: 0, scoreMaximum: 1 }]);

    // The colleague fixes the key and applies the regrade the dry run listed.
    signInAs(colleague.id);
    expect(
      await saveQuestionAction({
        bankId: bank.data.id,
        questionId: saved.data.questionId,
        topicSlug: "plaza-accord",
        question: yearQuestion("b"),
      }),
    ).toMatchObject({ ok: true });
    const dry = await regradeDryRunAction({ questionId: saved.data.questionId });
    if (!dry.ok) throw new Error(dry.error);
    expect(dry.data.attempts).toMatchObject([{ attemptId, oldTotal: { points: 0 }, newTotal: { points: 1 }, changed: true }]);
    expect(await unsafeRunScoreSync(new Date(now + 1000))).toEqual({ sent: 0, failed: 0 }); // a dry run sends nothing
    expect(await applyRegradeAction({ questionId: saved.data.questionId, expectVersionId: dry.data.toVersionId })).toMatchObject({
      ok: true,
      data: { applied: true },
    });

    expect(await unsafeRunScoreSync(new Date(now + 2000))).toEqual({ sent: 1, failed: 0 });
    expect(await unsafeRunScoreSync(new Date(now + 60 * 60_000))).toEqual({ sent: 0, failed: 0 });
    const scores = lti.platform().scores;
    expect(scores).toHaveLength(2);
    expect(scores[1]).toMatchObject({ userId: "learner-sub-1", scoreGiven: 1, scoreMaximum: 1 });
    expect(scores[1]!.body).toMatchObject({ activityProgress: "Completed", gradingProgress: "FullyGraded" });
    expect(Date.parse(scores[1]!.timestamp)).toBeGreaterThan(Date.parse(scores[0]!.timestamp));
    expect(lti.platform().refusedScores).toEqual([]); // no 409 (stale timestamp), no wrong URL or content type
    expect(await db().ltiScoreSync.findMany({ select: { status: true, scoreGiven: true } })).toEqual([{ status: "SENT", scoreGiven: 1 }]);
  });
});
