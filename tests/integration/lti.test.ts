// LTI 1.3 against a spec-faithful test platform over real HTTP: registration, login initiation and launch (every
// validation failure refused with a clear page and nothing but an audit line written), identity and roster mapping,
// deep linking round trip, and grade passback through the outbox (retry after a 503, sent exactly once, zero scores).
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { decodeJwt } from "jose";
import { db } from "@/lib/db/client";
import { GET as loginGET } from "@/app/api/lti/login/route";
import { GET as launchGET } from "@/app/api/lti/launch/route";
import { GET as jwksGET } from "@/app/api/lti/jwks/route";
import { POST as deepLinkPOST } from "@/app/api/lti/deep-link/route";
import { resetSigningKeyCache } from "@/lib/dal/lti/keys";
import { getScoreSyncStatus, resendScore, unsafeRunScoreSync } from "@/lib/dal/lti/scores";
import { getViewer } from "@/lib/dal/viewer";
import { assignQuizAction, updateAssignmentAction } from "@/lib/actions/assignments";
import { setJoinEnabledAction } from "@/lib/actions/classes";
import { fd } from "@/tests/support/next";
import { answerAndSubmit, startAssignedAttemptAs } from "@/tests/support/start-attempt";
import { withTestDatabase } from "./support/database";
import { INSTRUCTOR, LEARNER, LTI, TOOL, landing, ltiCounts, sessionUserOf, withLtiPlatform } from "./support/lti-launch";
import { signInAs } from "./support/session";
import { quizId } from "./support/fixtures";

const database = withTestDatabase();
const lti = withLtiPlatform(database);
const { login, post, launchAs, instructorLaunch } = lti;
const counts = ltiCounts;

/** The assignment form's fields, as the Assignments tab posts them. */
const SETTINGS = { gradingMethod: "HIGHEST", reviewTiming: "IMMEDIATELY", navigation: "FREE", layout: "all", graceSeconds: "60" };

describe("key set and login initiation", () => {
  it("publishes one RSA public key, generated once, without private parts", async () => {
    const first = (await (await jwksGET()).json()) as { keys: Record<string, unknown>[] };
    resetSigningKeyCache();
    const second = (await (await jwksGET()).json()) as { keys: Record<string, unknown>[] };
    expect(first.keys).toHaveLength(1);
    expect(second).toEqual(first);
    expect(first.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    for (const secret of ["d", "p", "q", "dp", "dq", "qi"]) expect(first.keys[0]).not.toHaveProperty(secret);
  });

  it("accepts login initiation by GET and by POST, and refuses an unknown issuer with a page", async () => {
    await login({}, "GET");
    await login({}, "POST");
    const res = await loginGET(
      new NextRequest(`${TOOL}/api/lti/login?iss=https://evil.example&login_hint=x&target_link_uri=${TOOL}/api/lti/launch`),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not registered");
    expect(res.headers.get("content-type")).toContain("text/html");
  });
});

describe("launch", () => {
  it("an instructor's first launch creates their account and the class named after the course; a learner's lands in the quiz", async () => {
    const teacher = await instructorLaunch({ koza_quiz: await quizId("plaza-accord-quiz") });
    expect(teacher.status).toBe(303);
    const klass = await db().class.findFirstOrThrow({ select: { id: true, name: true } });
    expect(klass.name).toBe("Economics 101");
    expect(await landing(teacher)).toBe(`${TOOL}/teach/classes/${klass.id}`);
    const teacherId = await sessionUserOf(teacher);
    const teacherRow = await db().user.findUniqueOrThrow({ where: { id: teacherId }, select: { role: true, name: true } });
    expect(teacherRow).toEqual({ role: "LEARNER", name: "Ada Teacher" }); // no global role from a launch
    expect(await db().classInstructor.count({ where: { classId: klass.id, userId: teacherId } })).toBe(1);

    const learner = await launchAs({ user: { sub: "learner-1", roles: LEARNER }, resourceLink: { id: "link-1" } });
    expect(learner.status).toBe(303);
    const assignment = await db().assignment.findFirstOrThrow({ where: { classId: klass.id }, select: { id: true } });
    expect(await landing(learner)).toBe(`${TOOL}/assignments/${assignment.id}`);
    const learnerId = await sessionUserOf(learner);
    expect(await db().enrollment.count({ where: { classId: klass.id, userId: learnerId } })).toBe(1);

    // The same (iss, sub) launching again is the same account.
    const again = await launchAs({ user: { sub: "learner-1", roles: LEARNER }, resourceLink: { id: "link-1" } });
    expect(await sessionUserOf(again)).toBe(learnerId);
    expect(await db().ltiUser.count()).toBe(2);
  });

  it("a learner launching before any instructor is refused, and nothing but an audit line is written", async () => {
    const before = await counts();
    const res = await launchAs({ user: { sub: "early", roles: LEARNER } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("has not opened Koza in this course yet");
    expect(await counts()).toMatchObject({ ...before, usedStates: before.usedStates + 1 });
  });

  it("an instructor from another course gets no rights in this course's class", async () => {
    await instructorLaunch();
    // A resource link is one course's: the same link id from another course is refused.
    expect((await launchAs({ user: { sub: "teacher-2", roles: INSTRUCTOR }, context: { id: "course-2", title: "History" } })).status).toBe(
      403,
    );
    const other = await launchAs({
      user: { sub: "teacher-2", roles: INSTRUCTOR },
      context: { id: "course-2", title: "History" },
      resourceLink: { id: "link-2" },
    });
    const otherId = await sessionUserOf(other);
    const classes = await db().class.findMany({ select: { id: true, name: true, instructors: { select: { userId: true } } } });
    const econ = classes.find((c) => c.name === "Economics 101")!;
    expect(econ.instructors.map((i) => i.userId)).not.toContain(otherId);
    signInAs(otherId);
    const viewer = (await getViewer())!;
    await expect(getScoreSyncStatus(viewer, econ.id)).rejects.toThrow(/not found/);
  });

  it("a launched instructor (no global role) uses the class's instructor actions in their class, and only there", async () => {
    const teacherId = await sessionUserOf(await instructorLaunch());
    const econ = await db().class.findFirstOrThrow({ select: { id: true } });
    const otherTeacherId = await sessionUserOf(
      await launchAs({
        user: { sub: "teacher-2", roles: INSTRUCTOR },
        context: { id: "course-2", title: "History" },
        resourceLink: { id: "link-2" },
      }),
    );
    const history = await db().class.findFirstOrThrow({ where: { name: "History" }, select: { id: true } });
    const learnerId = await sessionUserOf(await launchAs({ user: { sub: "learner-1", roles: LEARNER }, resourceLink: { id: "link-1" } }));
    const friendShoring = await quizId("friend-shoring-quiz");
    const assign = (classId: string) => assignQuizAction(null, fd({ classId, quizId: friendShoring, ...SETTINGS }));

    signInAs(teacherId);
    expect(await assign(econ.id)).toMatchObject({ ok: true, data: { created: 1 } });
    expect(await setJoinEnabledAction(null, fd({ classId: econ.id, enabled: "true" }))).toMatchObject({ ok: true });
    const inHistory = await assign(history.id);
    expect(inHistory).toMatchObject({ ok: false, code: "not_found" });
    expect(await setJoinEnabledAction(null, fd({ classId: history.id, enabled: "true" }))).toMatchObject({ ok: false, code: "not_found" });
    const econAssignment = await db().assignment.findFirstOrThrow({ where: { classId: econ.id }, select: { id: true } });

    // The other course's instructor cannot touch Economics' assignment; the course's learner cannot either.
    for (const who of [otherTeacherId, learnerId]) {
      signInAs(who);
      expect(await assign(econ.id)).toMatchObject({ ok: false });
      expect(
        await updateAssignmentAction(null, fd({ assignmentId: econAssignment.id, ...SETTINGS, gradingMethod: "FIRST" })),
      ).toMatchObject({
        ok: false,
        code: "not_found",
      });
    }
    expect(await db().assignment.count({ where: { classId: history.id } })).toBe(0);
    expect(await db().assignment.findUniqueOrThrow({ where: { id: econAssignment.id }, select: { gradingMethod: true } })).toEqual({
      gradingMethod: "HIGHEST",
    });
    expect((await db().class.findUniqueOrThrow({ where: { id: history.id }, select: { joinEnabled: true } })).joinEnabled).toBe(false);
  });

  describe("refuses every invalid launch with a clear page and writes only an audit line", () => {
    const cases: [string, () => Promise<Response>, RegExp][] = [
      [
        "wrong nonce",
        async () => {
          const l = await login();
          const f = await lti.platform().authorize(l.location, { claims: { nonce: "not-the-one" } });
          return post({ id_token: f.id_token, state: f.state }, l.cookie);
        },
        /nonce/,
      ],
      [
        "replayed nonce (the same form posted twice)",
        async () => {
          const l = await login();
          const f = await lti.platform().authorize(l.location, { user: { sub: "t", roles: INSTRUCTOR } });
          expect((await post({ id_token: f.id_token, state: f.state }, l.cookie)).status).toBe(303);
          return post({ id_token: f.id_token, state: f.state }, l.cookie);
        },
        /already used/,
      ],
      ["wrong aud", () => launchAs({ claims: { aud: "someone-else" } }), /aud/],
      ["aud array without azp", () => launchAs({ claims: { aud: ["someone-else", lti.platform().clientId] } }), /aud|azp/],
      ["bad signature", () => launchAs({ sign: "stray-key" }), /signature/],
      ["unknown kid", () => launchAs({ sign: "stray-kid" }), /key|kid/],
      [
        "expired",
        () => launchAs({ claims: { iat: Math.floor(Date.now() / 1000) - 3600, exp: Math.floor(Date.now() / 1000) - 1800 } }),
        /exp/,
      ],
      ["wrong issuer", () => launchAs({ claims: { iss: "https://other.example" } }), /iss/],
      [
        "wrong state (the browser's cookie is for another launch)",
        async () => {
          const a = await login();
          const b = await login();
          const f = await lti.platform().authorize(b.location);
          return post({ id_token: f.id_token, state: f.state }, a.cookie);
        },
        /did not start in this browser/,
      ],
      ["unknown deployment", () => launchAs({ claims: { [`${LTI}deployment_id`]: "deployment-9" } }), /deployment/],
      ["wrong version", () => launchAs({ claims: { [`${LTI}version`]: "1.1" } }), /1\.3\.0/],
      ["wrong message type", () => launchAs({ claims: { [`${LTI}message_type`]: "LtiSubmissionReviewRequest" } }), /message type/],
      ["missing sub", () => launchAs({ claims: { sub: undefined } }), /sub/],
      ["missing roles", () => launchAs({ claims: { [`${LTI}roles`]: undefined } }), /roles/],
      ["missing resource link", () => launchAs({ claims: { [`${LTI}resource_link`]: undefined } }), /resource_link/],
      [
        "malformed id_token",
        async () => {
          const l = await login();
          return post({ id_token: "not.a.jwt", state: l.state }, l.cookie);
        },
        /malformed/,
      ],
      [
        "oversized id_token",
        async () => {
          const l = await login();
          return post({ id_token: "a".repeat(20_000), state: l.state }, l.cookie);
        },
        /too large/,
      ],
      ["a GET instead of a form post", () => launchGET(), /form post/],
    ];
    it.each(cases)("%s", async (_name, run, message) => {
      // An instructor launch first, so a refused learner launch would otherwise have a class to join.
      if (_name !== "replayed nonce (the same form posted twice)") await instructorLaunch();
      const before = await counts();
      const audits = await db().ltiAudit.count({ where: { event: "launch.rejected" } });
      const res = await run();
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.headers.get("content-type")).toContain("text/html");
      const html = await res.text();
      expect(html).toMatch(message);
      expect(html).not.toMatch(/eyJ/); // never echoes a token
      const after = await counts();
      if (_name.startsWith("replayed")) expect(after.users).toBe(before.users + 1);
      else expect(after).toEqual(before);
      if (!_name.startsWith("a GET")) expect(await db().ltiAudit.count({ where: { event: "launch.rejected" } })).toBe(audits + 1);
    });
  });

  it("re-fetches the platform key set once on an unknown kid: a rotated key is accepted, a stray one is not", async () => {
    await instructorLaunch();
    const fetches = lti.platform().jwksFetches;
    await instructorLaunch();
    expect(lti.platform().jwksFetches).toBe(fetches); // cached
    await lti.platform().rotateKey();
    const rotated = await instructorLaunch();
    expect(rotated.status).toBe(303);
    expect(lti.platform().jwksFetches).toBe(fetches + 1);
    const stray = await launchAs({ sign: "stray-kid" });
    expect(stray.status).toBe(400);
    expect(lti.platform().jwksFetches).toBe(fetches + 2); // one re-fetch, not a loop
  });
});

describe("deep linking", () => {
  it("an instructor picks a quiz; Koza posts back a signed ltiResourceLink with a line item of the right scoreMaximum", async () => {
    const res = await launchAs({ message: "deep-linking", user: { sub: "teacher-1", roles: INSTRUCTOR } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Add a Koza quiz");
    const ctx = /name="ctx" value="([^"]+)"/.exec(html)![1]!;
    const teacherId = await sessionUserOf(res);
    const plaza = await db().quiz.findUniqueOrThrow({
      where: { slug: "plaza-accord-quiz" },
      select: { id: true, title: true, questionCount: true },
    });
    expect(html).toContain(`value="${plaza.id}"`);

    const pick = (fields: Record<string, string>) =>
      deepLinkPOST(
        new NextRequest(`${TOOL}/api/lti/deep-link`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields).toString(),
        }),
      );
    // Tampered context: refused.
    signInAs(teacherId);
    const tampered = await pick({ ctx: ctx.slice(0, -4) + "AAAA", quizId: plaza.id });
    expect(tampered.status).toBe(400);
    // Someone else's session: refused.
    signInAs(null);
    expect((await pick({ ctx, quizId: plaza.id })).status).toBe(403);

    signInAs(teacherId);
    const answer = await pick({ ctx, quizId: plaza.id });
    expect(answer.status).toBe(200);
    const page = await answer.text();
    const action = /action="([^"]+)"/.exec(page)![1]!;
    const jwt = /name="JWT" value="([^"]+)"/.exec(page)![1]!;
    expect(action).toBe(lti.platform().deepLinkReturnUrl);
    expect(answer.headers.get("content-security-policy")).toContain(`form-action 'self' ${lti.platform().issuer}`);
    // What the browser's auto-post does: the platform verifies the signature against Koza's key set.
    const returned = await fetch(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ JWT: jwt }),
    });
    expect(returned.status).toBe(200);
    const claims = lti.platform().deepLinkReturns.at(-1)!;
    expect(claims.aud).toBe(lti.platform().issuer);
    expect(claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"]).toBe("opaque-platform-data");
    const items = claims["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"] as Record<string, unknown>[];
    expect(items).toEqual([
      {
        type: "ltiResourceLink",
        title: plaza.title,
        url: `${TOOL}/api/lti/launch`,
        custom: { koza_quiz: plaza.id },
        lineItem: { scoreMaximum: plaza.questionCount, label: plaza.title, resourceId: plaza.id },
      },
    ]);
    expect(decodeJwt(jwt)["https://purl.imsglobal.org/spec/lti/claim/message_type"]).toBe("LtiDeepLinkingResponse");

    // The link the platform creates from it launches a learner into that quiz.
    await launchAs({ user: { sub: "teacher-1", roles: INSTRUCTOR }, resourceLink: { id: "dl-link", custom: { koza_quiz: plaza.id } } });
    const learner = await launchAs({
      user: { sub: "s1", roles: LEARNER },
      resourceLink: { id: "dl-link", custom: { koza_quiz: plaza.id } },
    });
    const assignment = await db().assignment.findFirstOrThrow({ where: { quizId: plaza.id }, select: { id: true } });
    expect(await landing(learner)).toBe(`${TOOL}/assignments/${assignment.id}`);
  });

  it("a learner cannot open the deep-linking picker", async () => {
    await instructorLaunch();
    const res = await launchAs({ message: "deep-linking", user: { sub: "s1", roles: LEARNER } });
    expect(res.status).toBe(403);
  });
});

describe("grade passback", () => {
  async function setUpLearner() {
    const plaza = await quizId("plaza-accord-quiz");
    await instructorLaunch({ koza_quiz: plaza });
    const learner = await launchAs({
      user: { sub: "learner-sub-1", roles: LEARNER },
      resourceLink: { id: "link-1", custom: { koza_quiz: plaza } },
    });
    const learnerId = await sessionUserOf(learner);
    const assignmentId = new URL(await landing(learner)).pathname.split("/").at(-1)!;
    return { learnerId, assignmentId };
  }

  it("launch → attempt → grade → the platform receives the score, looked up or created once, sent exactly once after a 503", async () => {
    const { learnerId, assignmentId } = await setUpLearner();
    signInAs(learnerId);
    const attemptId = await startAssignedAttemptAs(assignmentId);
    const items = await answerAndSubmit(attemptId, [0]);
    const row = await db().ltiScoreSync.findFirstOrThrow();
    expect(row).toMatchObject({ status: "PENDING", sub: "learner-sub-1", scoreMaximum: items.length, scoreGiven: items.length - 1 });

    lti.platform().failNextScores = 1;
    const now = Date.now();
    expect(await unsafeRunScoreSync(new Date(now))).toEqual({ sent: 0, failed: 1 });
    const pending = await db().ltiScoreSync.findFirstOrThrow();
    expect(pending.status).toBe("PENDING");
    expect(pending.lastError).toContain("503");
    expect(pending.nextTryAt.getTime()).toBeGreaterThan(now);
    expect(await unsafeRunScoreSync(new Date(now))).toEqual({ sent: 0, failed: 0 }); // backing off
    expect(await unsafeRunScoreSync(new Date(now + 60 * 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(await unsafeRunScoreSync(new Date(now + 2 * 60 * 60_000))).toEqual({ sent: 0, failed: 0 });

    expect(lti.platform().lineItems).toHaveLength(1); // created once, then found
    expect(lti.platform().lineItems[0]).toMatchObject({ resourceLinkId: "link-1", scoreMaximum: items.length });
    expect(lti.platform().scores).toHaveLength(1);
    expect(lti.platform().scores[0]).toMatchObject({ userId: "learner-sub-1", scoreGiven: items.length - 1, scoreMaximum: items.length });
    expect(lti.platform().scores[0]!.body).toMatchObject({ activityProgress: "Completed", gradingProgress: "FullyGraded" });
    expect(lti.platform().refusedScores.map((r) => r.status)).toEqual([503]);
    expect(lti.platform().tokenRequests).toBe(1); // cached between passes

    // The instructor sees it as sent, and can resend: a strictly newer timestamp, accepted, still one score per send.
    const teacher = await db().ltiUser.findFirstOrThrow({ where: { sub: "teacher-1" }, select: { userId: true } });
    signInAs(teacher.userId);
    const viewer = (await getViewer())!;
    const klass = await db().class.findFirstOrThrow({ select: { id: true } });
    const status = await getScoreSyncStatus(viewer, klass.id);
    expect(status).toMatchObject([{ status: "sent", scoreGiven: items.length - 1, reason: null }]);
    await resendScore(viewer, klass.id, status[0]!.id);
    expect(await unsafeRunScoreSync(new Date(now + 2 * 60 * 60_000))).toEqual({ sent: 1, failed: 0 });
    expect(lti.platform().scores).toHaveLength(2);
    expect(Date.parse(lti.platform().scores[1]!.timestamp)).toBeGreaterThan(Date.parse(lti.platform().scores[0]!.timestamp));
    expect(lti.platform().refusedScores.map((r) => r.status)).toEqual([503]); // no 409, no 415, no wrong URL

    // A learner of the class may not see or resend.
    signInAs(learnerId);
    const learnerViewer = (await getViewer())!;
    await expect(getScoreSyncStatus(learnerViewer, klass.id)).rejects.toThrow(/not found/);
  });

  it("a zero score is sent as 0, and a grading-method change resends the changed grade", async () => {
    const { learnerId, assignmentId } = await setUpLearner();
    signInAs(learnerId);
    const first = await startAssignedAttemptAs(assignmentId);
    const items = await answerAndSubmit(first, [...Array(60).keys()]);
    await unsafeRunScoreSync(new Date());
    expect(lti.platform().scores.at(-1)).toMatchObject({ scoreGiven: 0, scoreMaximum: items.length });

    const second = await startAssignedAttemptAs(assignmentId);
    await answerAndSubmit(second, []);
    await unsafeRunScoreSync(new Date(Date.now() + 1000));
    expect(lti.platform().scores.at(-1)).toMatchObject({ scoreGiven: items.length }); // HIGHEST

    const teacher = await db().ltiUser.findFirstOrThrow({ where: { sub: "teacher-1" }, select: { userId: true } });
    signInAs(teacher.userId);
    // Through the class's own server action: the launched instructor has no global role, only this class.
    const changed = await updateAssignmentAction(null, fd({ assignmentId, ...SETTINGS, gradingMethod: "FIRST" }));
    expect(changed).toMatchObject({ ok: true });
    await unsafeRunScoreSync(new Date(Date.now() + 2000));
    expect(lti.platform().scores.at(-1)).toMatchObject({ scoreGiven: 0 });
    expect(lti.platform().scores).toHaveLength(3);
    expect(lti.platform().refusedScores).toEqual([]);
  });
});
