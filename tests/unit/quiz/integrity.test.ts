import { describe, expect, it } from "vitest";
import { describeHold, poolHold, type PoolHoldFacts } from "@/lib/quiz/integrity";

const now = new Date("2026-05-01T12:00:00Z");
const hour = 3_600_000;
const base: PoolHoldFacts = {
  reviewTiming: "IMMEDIATELY",
  dueAt: null,
  closeAt: null,
  attemptsAllowed: 1,
  attemptsUsed: 0,
  hasOpenAttempt: false,
  now,
};

describe("poolHold: a graded quiz's questions are held until it is over for the student and answers may show", () => {
  it("holds before the first attempt and while an attempt is open", () => {
    expect(poolHold(base)).toEqual({ held: true, until: null, why: "attempts-left" });
    expect(poolHold({ ...base, attemptsUsed: 1, hasOpenAttempt: true })).toMatchObject({ held: true, why: "attempt-open" });
  });

  it("releases 'immediately' once the attempts are used up, or once the quiz has closed", () => {
    expect(poolHold({ ...base, attemptsUsed: 1 })).toEqual({ held: false });
    expect(poolHold({ ...base, attemptsAllowed: null, closeAt: new Date(now.getTime() - 1) })).toEqual({ held: false });
  });

  it("keeps holding while attempts are left, until the close date", () => {
    const closeAt = new Date(now.getTime() + hour);
    expect(poolHold({ ...base, attemptsAllowed: 3, attemptsUsed: 1, closeAt })).toEqual({
      held: true,
      until: closeAt,
      why: "attempts-left",
    });
    expect(poolHold({ ...base, attemptsAllowed: null, attemptsUsed: 5 })).toMatchObject({ held: true, until: null });
  });

  it("'after the due date' waits for the student's due date even when the attempts are used up", () => {
    const dueAt = new Date(now.getTime() + hour);
    const facts = { ...base, reviewTiming: "AFTER_DUE" as const, dueAt, attemptsUsed: 1 };
    expect(poolHold(facts)).toEqual({ held: true, until: dueAt, why: "before-due" });
    expect(poolHold({ ...facts, now: new Date(dueAt.getTime() + 1) })).toEqual({ held: false });
  });

  it("'never' holds for good, however the attempts stand", () => {
    expect(poolHold({ ...base, reviewTiming: "NEVER", attemptsUsed: 1, closeAt: new Date(0) })).toMatchObject({
      held: true,
      why: "answers-never",
    });
  });

  it("says why in a sentence naming the quiz", () => {
    const text = describeHold({ held: true, until: new Date(now.getTime() + hour), why: "before-due" }, "Plaza quiz", (d) =>
      d.toISOString(),
    );
    expect(text).toBe(
      "Held back until your graded quiz “Plaza quiz”’s answers are released after the due date (2026-05-01T13:00:00.000Z).",
    );
  });
});
