// Request limits against the real database: the hit after the limit is refused with the wait and writes nothing;
// once the window has passed (the stored window is moved back rather than sleeping) it works again.
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

import { signUpAction } from "@/lib/actions/auth";
import { saveAnswerAction, startPracticeAction } from "@/lib/actions/attempts";
import { AUTOSAVE_LIMIT, PRACTICE_START_LIMIT, SIGN_UP_LIMIT, type RequestLimit } from "@/lib/auth/request-limits";
import { unsafeHitRateLimit } from "@/lib/dal/rate-limits";
import { buildFixture, type Fixture } from "@/tests/authz/cases";
import { fd, settle } from "@/tests/support/next";
import { CONTENT_TABLES, truncateAll, withTestDatabase } from "./support/database";
import { seedCourse } from "./support/fixtures";
import { signInAs, testRequest } from "./support/session";

const database = withTestDatabase();
let f: Fixture;

beforeAll(async () => {
  await seedCourse();
});
beforeEach(async () => {
  await truncateAll(database(), { keep: CONTENT_TABLES });
  f = await buildFixture(database().db);
  signInAs(null);
  testRequest.headers = new Headers();
});

/** As if the rule's whole window had passed since every counter's window started. */
async function windowPasses(rule: RequestLimit): Promise<void> {
  await database().runner.query(`UPDATE "RateLimit" SET "windowStart" = "windowStart" - $1 * interval '1 millisecond'`, [rule.windowMs]);
}

/** The refusal every limited action returns: a sentence with the wait, the code the page acts on, and the wait. */
function expectRefused(result: unknown, rule: RequestLimit): void {
  expect(result).toMatchObject({ ok: false, code: "rate_limited", error: expect.stringMatching(/in \d+ (second|minute)s?\.$/) });
  const wait = (result as { retryAfterSeconds: number }).retryAfterSeconds;
  expect(wait).toBeGreaterThan(0);
  expect(wait).toBeLessThanOrEqual(rule.windowMs / 1000);
}

describe("unsafeHitRateLimit", () => {
  const rule: RequestLimit = { name: "test", limit: 3, windowMs: 10_000, message: (w) => `wait ${w}` };
  const t0 = new Date("2026-03-01T09:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("counts in a fixed window per key and starts a fresh window once it has ended", async () => {
    for (let i = 0; i < 3; i++) expect(await unsafeHitRateLimit(rule, "u1", at(i * 1000))).toEqual({ ok: true });
    expect(await unsafeHitRateLimit(rule, "u1", at(4_000))).toEqual({ ok: false, retryAfterSeconds: 6, message: "wait 6 seconds" });
    expect(await unsafeHitRateLimit(rule, "u2", at(4_000))).toEqual({ ok: true });
    expect(await unsafeHitRateLimit(rule, "u1", at(9_999))).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(await unsafeHitRateLimit(rule, "u1", at(10_000))).toEqual({ ok: true });
    const row = await database().db.rateLimit.findUniqueOrThrow({ where: { key: "test:u1" } });
    expect(row).toEqual({ key: "test:u1", windowStart: at(10_000), count: 1 });
  });

  it("counts every one of many concurrent hits exactly once", async () => {
    const wide: RequestLimit = { ...rule, limit: 1000 };
    await Promise.all(Array.from({ length: 25 }, () => unsafeHitRateLimit(wide, "burst", t0)));
    expect((await database().db.rateLimit.findUniqueOrThrow({ where: { key: "test:burst" } })).count).toBe(25);
  });
});

describe("autosave", () => {
  it(`allows ${AUTOSAVE_LIMIT.limit} saves a minute per user, refuses the next without saving, and allows again after the window`, async () => {
    signInAs(f.users.studentX.id);
    const save = (seq: number) => saveAnswerAction({ attemptId: f.attemptX.id, position: 0, seq, response: f.attemptX.firstAnswer });
    for (let seq = 1; seq <= AUTOSAVE_LIMIT.limit; seq++) expect(await save(seq)).toMatchObject({ ok: true });
    const item = () => database().db.attemptItem.findFirstOrThrow({ where: { attemptId: f.attemptX.id, position: 0 } });
    const before = await item();
    expectRefused(await save(AUTOSAVE_LIMIT.limit + 1), AUTOSAVE_LIMIT);
    expect(await item()).toEqual(before);
    // Another learner is not affected.
    signInAs(f.users.learnerA.id);
    expect(await save(1)).not.toMatchObject({ code: "rate_limited" });
    signInAs(f.users.studentX.id);
    // The autosave counter lives in the app's memory (lib/auth/local-rate-limit.ts): move the clock past its window.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + AUTOSAVE_LIMIT.windowMs);
      expect(await save(AUTOSAVE_LIMIT.limit + 2)).toMatchObject({ ok: true });
    } finally {
      vi.useRealTimers();
    }
    expect(await item()).not.toEqual(before);
  });
});

describe("starting practice", () => {
  const TOPICS = [
    "plaza-accord",
    "friend-shoring",
    "postwar-reconstruction",
    "reading-the-numbers",
    "tpp-to-cptpp",
    "trade-friction-1980s",
  ];

  it(`allows ${PRACTICE_START_LIMIT.limit} starts per user in 10 minutes, refuses the next without starting one, and allows again later`, async () => {
    signInAs(f.users.learnerA.id);
    const start = (i: number) => settle(() => startPracticeAction(null, fd({ topic: TOPICS[i % TOPICS.length] })));
    const started = { kind: "value", value: { ok: true, data: { url: expect.stringMatching(/^\/attempts\//) } } };
    for (let i = 0; i < PRACTICE_START_LIMIT.limit; i++) expect(await start(i)).toMatchObject(started);
    const attempts = () => database().db.attempt.count({ where: { userId: f.users.learnerA.id } });
    expect(await attempts()).toBe(TOPICS.length);
    await database().db.attempt.updateMany({ where: { userId: f.users.learnerA.id }, data: { status: "ABANDONED", openSlot: null } });
    const outcome = await start(0);
    expect(outcome.kind).toBe("value");
    expectRefused((outcome as { value: unknown }).value, PRACTICE_START_LIMIT);
    expect(await attempts()).toBe(TOPICS.length);
    await windowPasses(PRACTICE_START_LIMIT);
    expect(await start(0)).toMatchObject(started);
    expect(await attempts()).toBe(TOPICS.length + 1);
  });
});

describe("sign-up", () => {
  const form = (n: number) => fd({ name: `New ${n}`, email: `new${n}@example.test`, password: "plaza accord 1985 yen" });

  it(`allows ${SIGN_UP_LIMIT.limit} sign-ups an hour per client address, refuses the next without creating it, and allows again later`, async () => {
    testRequest.headers = new Headers({ "x-forwarded-for": "203.0.113.7" });
    for (let n = 0; n < SIGN_UP_LIMIT.limit; n++)
      expect(await settle(() => signUpAction(null, form(n)))).toMatchObject({ kind: "redirect" });
    const users = () => database().db.user.count();
    const before = await users();
    const refusedOutcome = await settle(() => signUpAction(null, form(999)));
    expect(refusedOutcome.kind).toBe("value");
    expectRefused((refusedOutcome as { value: unknown }).value, SIGN_UP_LIMIT);
    expect(await users()).toBe(before);
    // Another address is not affected.
    testRequest.headers = new Headers({ "x-forwarded-for": "198.51.100.2" });
    expect(await settle(() => signUpAction(null, form(1000)))).toMatchObject({ kind: "redirect" });
    testRequest.headers = new Headers({ "x-forwarded-for": "203.0.113.7" });
    await windowPasses(SIGN_UP_LIMIT);
    expect(await settle(() => signUpAction(null, form(1001)))).toMatchObject({ kind: "redirect" });
    expect(await users()).toBe(before + 2);
  });
});
