// The one action shape (lib/actions/define.ts) on the real database and session seam: the checks run in a fixed
// order (session, role, limit, input) before the handler; known errors become coded failures; revalidation happens
// only after success; redirects run outside the error mapping.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";

const revalidated = vi.hoisted(() => [] as unknown[][]);
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => revalidated.push(args) }));

import { defineAction, defineFormAction } from "@/lib/actions/define";
import { ActionRefusal } from "@/lib/actions/result";
import type { RequestLimit } from "@/lib/auth/request-limits";
import { NotFoundError, UserError } from "@/lib/dal/errors";
import type { Viewer } from "@/lib/dal/viewer";
import { makeUser } from "@/tests/authz/support";
import { fd } from "@/tests/support/next";
import { truncateAll, withTestDatabase } from "./support/database";
import { signInAs } from "./support/session";

const database = withTestDatabase();
let learner: { id: string }, instructor: { id: string };
let ran: { input: unknown; viewer: Viewer }[];

beforeEach(async () => {
  await truncateAll(database());
  learner = await makeUser(database().db, "Lena Learner");
  instructor = await makeUser(database().db, "Ines Instructor", "INSTRUCTOR");
  signInAs(null);
  revalidated.length = 0;
  ran = [];
});

const Schema = z.object({ classId: z.string().regex(/^[a-z]+$/, "Letters only.") });

/** An instructor action whose handler records its call and answers as `outcome` says. */
const act = (outcome: (input: { classId: string }) => unknown = (input) => ({ seen: input.classId })) =>
  defineAction(
    { role: "INSTRUCTOR", schema: Schema, invalidMessage: "That class does not exist." },
    async (input, viewer) => {
      ran.push({ input, viewer });
      return outcome(input);
    },
    {
      revalidate: (input, data) => [`/teach/classes/${input.classId}`, { path: "/", type: "layout" as const }, `/${JSON.stringify(data)}`],
    },
  );

describe("defineAction", () => {
  it("refuses a signed-out caller before reading the input", async () => {
    expect(await act()({ classId: 42 })).toEqual({ ok: false, error: "Please sign in first.", code: "signed_out" });
    expect(ran).toEqual([]);
  });

  it("refuses the wrong role before reading the input", async () => {
    signInAs(learner.id);
    expect(await act()({ classId: 42 })).toEqual({ ok: false, error: "Only instructors can do that.", code: "forbidden" });
    expect(ran).toEqual([]);
  });

  it("answers bad input with field errors and never runs the handler", async () => {
    signInAs(instructor.id);
    expect(await act()({ classId: "Nope!" })).toEqual({
      ok: false,
      error: "That class does not exist.",
      code: "invalid",
      fieldErrors: { classId: ["Letters only."] },
    });
    expect(ran).toEqual([]);
    expect(revalidated).toEqual([]);
  });

  it("runs the handler with the parsed input and the viewer, then revalidates from input and result", async () => {
    signInAs(instructor.id);
    expect(await act()({ classId: "abc", extra: "dropped" })).toEqual({ ok: true, data: { seen: "abc" } });
    expect(ran).toEqual([{ input: { classId: "abc" }, viewer: expect.objectContaining({ id: instructor.id, role: "INSTRUCTOR" }) }]);
    expect(revalidated).toEqual([["/teach/classes/abc"], ["/", "layout"], ['/{"seen":"abc"}']]);
  });

  it("turns known errors into coded failures, anything else into 'internal', and revalidates nothing", async () => {
    signInAs(instructor.id);
    const thrown = (error: Error) =>
      act(() => {
        throw error;
      })({ classId: "abc" });
    expect(await thrown(new UserError("The quiz is closed.", "closed"))).toEqual({
      ok: false,
      error: "The quiz is closed.",
      code: "closed",
    });
    expect(await thrown(new UserError("Busy.", "overloaded", 3))).toEqual({
      ok: false,
      error: "Busy.",
      code: "overloaded",
      retryAfterSeconds: 3,
    });
    expect(await thrown(new NotFoundError("That class"))).toEqual({ ok: false, error: "Not found.", code: "not_found" });
    const refusal = { ok: false as const, error: "Check it.", code: "invalid" as const, fieldErrors: { x: ["No."] } };
    expect(await thrown(new ActionRefusal(refusal))).toEqual(refusal);
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(await thrown(new TypeError("boom"))).toMatchObject({ ok: false, code: "internal" });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
    expect(revalidated).toEqual([]);
  });

  it("counts the rate limit before reading the input", async () => {
    const limit: RequestLimit = { name: "define-test", limit: 1, windowMs: 60_000, message: (wait) => `Wait ${wait}.` };
    const limited = defineAction({ limit, schema: Schema }, async () => "done");
    signInAs(learner.id);
    expect(await limited({ classId: "Bad!" })).toMatchObject({ ok: false, code: "invalid" });
    expect(await limited({ classId: "abc" })).toMatchObject({ ok: false, code: "rate_limited", retryAfterSeconds: expect.any(Number) });
  });
});

describe("defineFormAction", () => {
  it("reads the form's fields, sends back only what `respond` keeps, and navigates last, outside the error mapping", async () => {
    const order: string[] = [];
    const action = defineFormAction(
      { schema: Schema },
      async ({ classId }) => {
        order.push("handler");
        return { classId, secret: "kept on the server" };
      },
      {
        revalidate: () => {
          order.push("revalidate");
          return [];
        },
        respond: ({ classId }) => ({ classId }),
        navigate: () => {
          order.push("navigate");
          throw new Error("NEXT_REDIRECT");
        },
      },
    );
    signInAs(learner.id);
    await expect(action(null, fd({ classId: "abc" }))).rejects.toThrow("NEXT_REDIRECT");
    expect(order).toEqual(["handler", "revalidate", "navigate"]);

    const quiet = defineFormAction({ schema: Schema }, async ({ classId }) => ({ classId, secret: "x" }), {
      respond: ({ classId }) => ({ classId }),
    });
    expect(await quiet(null, fd({ classId: "abc" }))).toEqual({ ok: true, data: { classId: "abc" } });
    // Whatever arrives instead of a form reads as an empty one: a field error, never a TypeError.
    expect(await Reflect.apply(quiet, undefined, [null, "not a form"])).toMatchObject({
      ok: false,
      code: "invalid",
      fieldErrors: { classId: expect.any(Array) },
    });
  });
});
