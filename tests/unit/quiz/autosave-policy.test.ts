import { describe, expect, it } from "vitest";
import { callUntilDecided, classifySave, retryDelayMs } from "@/lib/quiz/autosave-policy";

describe("autosave outcomes: retry everything that decided nothing, stop only on a final answer", () => {
  it("classifies results", () => {
    expect(classifySave(null)).toBe("retry");
    expect(classifySave({ ok: true, data: { savedAt: "x" } })).toBe("stored");
    for (const code of ["internal", "overloaded", "rate_limited"] as const)
      expect(classifySave({ ok: false, error: "e", code })).toBe("retry");
    for (const code of ["closed", "time_up"] as const) expect(classifySave({ ok: false, error: "e", code })).toBe("over");
    for (const code of ["invalid", "navigation", "not_found"] as const)
      expect(classifySave({ ok: false, error: "e", code })).toBe("refused");
  });

  it("backs off exponentially up to 15 s and honours the server's wait", () => {
    for (let i = 0; i < 50; i++) {
      expect(retryDelayMs(0)).toBeGreaterThanOrEqual(750);
      expect(retryDelayMs(0)).toBeLessThanOrEqual(1250);
      expect(retryDelayMs(10)).toBeLessThanOrEqual(15_000 * 1.25);
      expect(retryDelayMs(0, 5)).toBeGreaterThanOrEqual(5_000);
    }
  });
});

describe("callUntilDecided: submit and 'next question' retry what decided nothing, a few times", () => {
  const noWait = async () => undefined;

  it("stops at the first answer that decided something, ok or a final refusal", async () => {
    const answers = [null, { ok: false, error: "busy", code: "overloaded", retryAfterSeconds: 2 }, { ok: true, data: 1 }] as const;
    let calls = 0;
    const result = await callUntilDecided(
      async () => {
        const a = answers[calls++];
        if (a === null) throw new Error("network");
        return a;
      },
      { wait: noWait },
    );
    expect(result).toEqual({ ok: true, data: 1 });
    expect(calls).toBe(3);
    let refusedCalls = 0;
    const refused = await callUntilDecided(async () => (refusedCalls++, { ok: false as const, error: "gone", code: "closed" as const }), {
      wait: noWait,
    });
    expect(refused).toMatchObject({ code: "closed" });
    expect(refusedCalls).toBe(1);
  });

  it("gives up after `tries` calls and returns the last result (null when none got through)", async () => {
    let calls = 0;
    const result = await callUntilDecided<number>(
      async () => {
        calls++;
        throw new Error("network");
      },
      { tries: 4, wait: noWait },
    );
    expect(result).toBeNull();
    expect(calls).toBe(4);
  });

  it("with a time budget, keeps going past `tries`-style limits until the next wait would end past the budget", async () => {
    let clock = 0;
    let calls = 0;
    const result = await callUntilDecided<number>(
      async () => (calls++, { ok: false, error: "busy", code: "overloaded", retryAfterSeconds: 10 }),
      { tries: Infinity, budgetMs: 35_000, now: () => clock, wait: async (ms) => void (clock += ms) },
    );
    // Waits of at least 10 s each (what the server asked): calls at 0, ≥10, ≥20, ≥30 s; a fifth would start past 35 s.
    expect(result).toMatchObject({ code: "overloaded" });
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(4);
    expect(clock).toBeLessThanOrEqual(35_000);
  });
});
