// Tests the pure quiz rules: deadlines (time limit × accommodation, close date, grace), effective dates with
// overrides, when an attempt may start, and when answers may be shown.
import { describe, expect, it } from "vitest";
import {
  attemptsAllowed,
  canStartAttempt,
  computeDeadline,
  displayedEnd,
  effectiveDates,
  isPastDeadline,
  reviewVisibility,
  type AssignmentRules,
} from "@/lib/quiz/rules";

const at = (hh: number, mm = 0, ss = 0) => new Date(Date.UTC(2026, 2, 10, hh, mm, ss));
const START = at(10);

const RULES: AssignmentRules = {
  openAt: at(9),
  dueAt: at(12),
  closeAt: at(14),
  timeLimitMinutes: 30,
  attemptsAllowed: 2,
  graceSeconds: 60,
  reviewTiming: "IMMEDIATELY",
};

describe("computeDeadline", () => {
  const base = { startedAt: START, timeLimitMinutes: 30, accommodationFactor: 1, closeAt: null, graceSeconds: 0 };

  it("is start + time limit with no close date and no grace", () => {
    expect(computeDeadline(base)).toEqual(at(10, 30));
  });

  it("multiplies the time limit by the accommodation factor: 30 min × 1.5 = 45 min", () => {
    expect(computeDeadline({ ...base, accommodationFactor: 1.5 })).toEqual(at(10, 45));
    expect(computeDeadline({ ...base, accommodationFactor: 2 })).toEqual(at(11, 0));
    expect(computeDeadline({ ...base, accommodationFactor: 1.25 })).toEqual(at(10, 37, 30));
  });

  it("never shortens time for a factor below 1", () => {
    expect(computeDeadline({ ...base, accommodationFactor: 0.5 })).toEqual(at(10, 30));
  });

  it("is cut by the close date when that comes first, even with an accommodation", () => {
    expect(computeDeadline({ ...base, accommodationFactor: 2, closeAt: at(10, 40) })).toEqual(at(10, 40));
    expect(computeDeadline({ ...base, closeAt: at(11) })).toEqual(at(10, 30));
  });

  it("adds the grace period after the earlier of the two", () => {
    expect(computeDeadline({ ...base, graceSeconds: 60 })).toEqual(at(10, 31));
    expect(computeDeadline({ ...base, closeAt: at(10, 10), graceSeconds: 90 })).toEqual(at(10, 11, 30));
  });

  it("treats a negative grace as none", () => {
    expect(computeDeadline({ ...base, graceSeconds: -30 })).toEqual(at(10, 30));
  });

  it("is the close date alone when untimed, and null when neither applies", () => {
    expect(computeDeadline({ ...base, timeLimitMinutes: null, closeAt: at(14), graceSeconds: 5 })).toEqual(at(14, 0, 5));
    expect(computeDeadline({ ...base, timeLimitMinutes: null })).toBeNull();
    expect(computeDeadline({ ...base, timeLimitMinutes: 0 })).toBeNull();
  });
});

describe("displayedEnd and isPastDeadline", () => {
  it("shows the deadline without the grace period", () => {
    expect(displayedEnd(at(10, 31), 60)).toEqual(at(10, 30));
    expect(displayedEnd(null, 60)).toBeNull();
  });

  it("is past only strictly after the deadline; no deadline is never past", () => {
    expect(isPastDeadline(at(10, 30), at(10, 30))).toBe(false);
    expect(isPastDeadline(at(10, 30), at(10, 30, 1))).toBe(true);
    expect(isPastDeadline(null, at(23))).toBe(false);
  });
});

describe("effectiveDates", () => {
  it("uses the class dates without an override", () => {
    expect(effectiveDates(RULES, null)).toEqual({ dueAt: at(12), closeAt: at(14) });
  });

  it("replaces the due date and the close date with the override's", () => {
    expect(effectiveDates(RULES, { extraAttempts: 0, dueAt: at(13), closeAt: at(16) })).toEqual({ dueAt: at(13), closeAt: at(16) });
  });

  it("keeps the class close date when the override only moves the due date before it", () => {
    expect(effectiveDates(RULES, { extraAttempts: 0, dueAt: at(13), closeAt: null })).toEqual({ dueAt: at(13), closeAt: at(14) });
  });

  it("extends the close date to a personal due date that is later than it", () => {
    expect(effectiveDates(RULES, { extraAttempts: 0, dueAt: at(18), closeAt: null })).toEqual({ dueAt: at(18), closeAt: at(18) });
  });

  it("leaves an undated assignment undated, and an override with only extra attempts changes no dates", () => {
    const undated = { ...RULES, dueAt: null, closeAt: null };
    expect(effectiveDates(undated, { extraAttempts: 2, dueAt: null, closeAt: null })).toEqual({ dueAt: null, closeAt: null });
    expect(effectiveDates(RULES, { extraAttempts: 2, dueAt: null, closeAt: null })).toEqual({ dueAt: at(12), closeAt: at(14) });
  });
});

describe("attemptsAllowed", () => {
  it("adds an override's extra attempts; unlimited stays unlimited", () => {
    expect(attemptsAllowed(RULES, null)).toBe(2);
    expect(attemptsAllowed(RULES, { extraAttempts: 3, dueAt: null, closeAt: null })).toBe(5);
    expect(attemptsAllowed({ ...RULES, attemptsAllowed: null }, { extraAttempts: 3, dueAt: null, closeAt: null })).toBeNull();
  });
});

describe("canStartAttempt", () => {
  const ok = { rules: RULES, override: null, attemptsUsed: 0, now: at(10) };

  it("allows a start inside the window with attempts left", () => {
    expect(canStartAttempt(ok)).toBeNull();
  });

  it("refuses before the open date", () => {
    expect(canStartAttempt({ ...ok, now: at(8, 59) })).toMatchObject({ reason: "not-open" });
    expect(canStartAttempt({ ...ok, now: at(9) })).toBeNull();
  });

  it("refuses from the close date on, but a personal close date reopens it for that student only", () => {
    expect(canStartAttempt({ ...ok, now: at(14) })).toMatchObject({ reason: "closed" });
    expect(canStartAttempt({ ...ok, now: at(14), override: { extraAttempts: 0, dueAt: null, closeAt: at(15) } })).toBeNull();
    // A later personal due date also carries the close date with it.
    expect(canStartAttempt({ ...ok, now: at(15), override: { extraAttempts: 0, dueAt: at(16), closeAt: null } })).toBeNull();
  });

  it("allows a start after the due date while the quiz is not closed (the work is late, not refused)", () => {
    expect(canStartAttempt({ ...ok, now: at(13) })).toBeNull();
  });

  it("refuses when the attempts are used up, and extra attempts lift the limit", () => {
    expect(canStartAttempt({ ...ok, attemptsUsed: 2 })).toMatchObject({
      reason: "no-attempts-left",
      message: expect.stringContaining("2 attempts"),
    });
    expect(canStartAttempt({ ...ok, attemptsUsed: 2, override: { extraAttempts: 1, dueAt: null, closeAt: null } })).toBeNull();
    expect(canStartAttempt({ ...ok, attemptsUsed: 3, override: { extraAttempts: 1, dueAt: null, closeAt: null } })).toMatchObject({
      reason: "no-attempts-left",
    });
    expect(canStartAttempt({ ...ok, rules: { ...RULES, attemptsAllowed: 1 }, attemptsUsed: 1 })?.message).toMatch(/all 1 attempt allowed/);
  });

  it("never runs out with unlimited attempts", () => {
    expect(canStartAttempt({ ...ok, rules: { ...RULES, attemptsAllowed: null }, attemptsUsed: 500 })).toBeNull();
  });
});

describe("reviewVisibility", () => {
  it("shows answers immediately, and for practice (no assignment)", () => {
    expect(reviewVisibility({ reviewTiming: "IMMEDIATELY", dueAt: at(12), now: at(10) })).toEqual({ showAnswers: true, reason: null });
    expect(reviewVisibility({ reviewTiming: null, dueAt: null, now: at(10) })).toEqual({ showAnswers: true, reason: null });
  });

  it("hides answers until the due date with AFTER_DUE, with a reason naming the date", () => {
    const before = reviewVisibility({ reviewTiming: "AFTER_DUE", dueAt: at(12), now: at(11, 59) });
    expect(before.showAnswers).toBe(false);
    expect(before.reason).toMatch(/after the due date \(today, 12:00\sPM UTC\)/);
    // In the student's own zone when it is known.
    expect(reviewVisibility({ reviewTiming: "AFTER_DUE", dueAt: at(12), now: at(11, 59), timeZone: "Asia/Tokyo" }).reason).toMatch(
      /9:00\sPM\)/,
    );
    expect(reviewVisibility({ reviewTiming: "AFTER_DUE", dueAt: at(12), now: at(12) }).showAnswers).toBe(true);
  });

  it("AFTER_DUE with no due date shows answers", () => {
    expect(reviewVisibility({ reviewTiming: "AFTER_DUE", dueAt: null, now: at(10) }).showAnswers).toBe(true);
  });

  it("never shows answers with NEVER, and says why", () => {
    const v = reviewVisibility({ reviewTiming: "NEVER", dueAt: at(12), now: at(23) });
    expect(v.showAnswers).toBe(false);
    expect(v.reason).toMatch(/only your total score/);
  });
});
