// The attempt page's autosave route (POST /api/attempts/:id/answers): the same action behind a JSON route handler.
// What a learner relies on: a save from the page is stored and answered with the action's result; a request that is
// not the page's (another site, not JSON, too large, unreadable) is refused with a clear status and stores nothing;
// overload is a 503 with Retry-After the page honours.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { POST } from "@/app/api/attempts/[attemptId]/answers/route";
import { actionResultResponse } from "@/lib/actions/as-route";
import { SAVE_REQUEST_MAX_BYTES } from "@/lib/quiz/limits";
import { correctResponse } from "@/tests/support/answers";
import { startPracticeAttemptAs } from "@/tests/support/start-attempt";
import { withTestDatabase, truncateAll } from "./support/database";
import { signInAs } from "./support/session";
import { attemptItems, createUser, seedCourse } from "./support/fixtures";

const database = withTestDatabase();
let attemptId = "";
let answer: unknown;

beforeAll(async () => {
  await truncateAll(database());
  await seedCourse();
});

beforeEach(async () => {
  const learner = await createUser("LEARNER", `route-saver-${Math.random().toString(36).slice(2, 8)}`);
  signInAs(learner.id);
  attemptId = await startPracticeAttemptAs("plaza-accord");
  const [first] = await attemptItems(attemptId);
  answer = first!.asClient(correctResponse(first!.question));
});

function post(body: string, headers: Record<string, string> = {}, id = attemptId): Promise<Response> {
  return POST(
    new Request(`http://koza.test/api/attempts/${id}/answers`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://koza.test", host: "koza.test", ...headers },
      body,
    }),
    { params: Promise.resolve({ attemptId: id }) },
  );
}

const storedResponse = async () => (await db().attemptItem.findFirstOrThrow({ where: { attemptId, position: 0 } })).response;

describe("POST /api/attempts/:id/answers", () => {
  it("stores the page's save and answers with the action's result", async () => {
    const res = await post(JSON.stringify({ position: 0, seq: 1, response: answer }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, data: { savedAt: expect.any(String) } });
    expect(await storedResponse()).not.toBeNull();
  });

  it("takes the attempt from the URL, never from the body", async () => {
    const res = await post(JSON.stringify({ attemptId: "someone-elses", position: 0, seq: 1, response: answer }));
    expect(res.status).toBe(200);
    expect(await storedResponse()).not.toBeNull();
  });

  it.each([
    ["another site's page", { origin: "https://evil.example" }, 403],
    ["no Origin at all", { origin: "" }, 403],
    ["a body not declared as JSON (a cross-site form)", { "content-type": "text/plain" }, 415],
  ])("refuses %s and stores nothing", async (_what, headers, status) => {
    const res = await post(JSON.stringify({ position: 0, seq: 1, response: answer }), headers);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ ok: false, error: expect.any(String) });
    expect(await storedResponse()).toBeNull();
  });

  it("refuses an oversized body, even when Content-Length does not say so", async () => {
    const huge = JSON.stringify({ position: 0, seq: 1, response: answer, pad: "x".repeat(SAVE_REQUEST_MAX_BYTES) });
    expect((await post(huge)).status).toBe(413);
    expect((await post(huge, { "content-length": "10" })).status).toBe(413);
    expect(await storedResponse()).toBeNull();
  });

  it("answers malformed JSON and a malformed answer with 400, and another learner's attempt with 404", async () => {
    expect((await post("{not json")).status).toBe(400);
    expect((await post(JSON.stringify({ position: "zero", seq: 1, response: answer }))).status).toBe(400);
    const other = await createUser("LEARNER", "route-intruder");
    const mine = attemptId;
    signInAs(other.id);
    expect((await post(JSON.stringify({ position: 0, seq: 1, response: answer }), {}, mine)).status).toBe(404);
    expect(await storedResponse()).toBeNull();
  });

  it("turns overload and rate limits into 503/429 with a Retry-After the page and proxies can read", async () => {
    const busy = actionResultResponse({ ok: false, code: "overloaded", error: "busy", retryAfterSeconds: 2.2 });
    expect(busy.status).toBe(503);
    expect(busy.headers.get("retry-after")).toBe("3");
    expect((await busy.json()) as unknown).toMatchObject({ ok: false, code: "overloaded", retryAfterSeconds: 2.2 });
    expect(actionResultResponse({ ok: false, code: "rate_limited", error: "slow down", retryAfterSeconds: 30 }).status).toBe(429);
    expect(actionResultResponse({ ok: false, code: "closed", error: "submitted" }).status).toBe(409);
  });
});
