import { describe, expect, it } from "vitest";
import { AUTOSAVE_LIMIT, PRACTICE_START_LIMIT, SIGN_UP_LIMIT, limitVerdict, waitPhrase } from "@/lib/auth/request-limits";

const t0 = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("limitVerdict", () => {
  it("lets the limit-th hit through and refuses the next, with the wait until the window ends", () => {
    expect(limitVerdict(AUTOSAVE_LIMIT, { count: 120, windowStart: t0 }, at(5_000))).toEqual({ ok: true });
    const refused = limitVerdict(AUTOSAVE_LIMIT, { count: 121, windowStart: t0 }, at(20_000));
    expect(refused).toEqual({ ok: false, retryAfterSeconds: 40, message: expect.stringContaining("in 40 seconds") });
  });

  it("says minutes for long waits and never less than one second", () => {
    expect(limitVerdict(PRACTICE_START_LIMIT, { count: 11, windowStart: t0 }, at(60_000))).toMatchObject({
      retryAfterSeconds: 540,
      message: "You have started 10 practice quizzes in the last 10 minutes. Try again in 9 minutes.",
    });
    expect(limitVerdict(SIGN_UP_LIMIT, { count: 31, windowStart: t0 }, at(SIGN_UP_LIMIT.windowMs + 5))).toMatchObject({
      retryAfterSeconds: 1,
    });
  });

  it("stops the reported flood (480 saves in 20 s) and allows a fast typist (one save per 600 ms for a minute)", () => {
    expect(480).toBeGreaterThan(AUTOSAVE_LIMIT.limit * Math.ceil(20_000 / AUTOSAVE_LIMIT.windowMs));
    expect(Math.floor(60_000 / 600)).toBeLessThanOrEqual(AUTOSAVE_LIMIT.limit);
  });
});

describe("waitPhrase", () => {
  it("uses seconds under a minute and whole minutes, rounded up, above", () => {
    expect(waitPhrase(1)).toBe("1 second");
    expect(waitPhrase(59)).toBe("59 seconds");
    expect(waitPhrase(60)).toBe("1 minute");
    expect(waitPhrase(61)).toBe("2 minutes");
  });
});
