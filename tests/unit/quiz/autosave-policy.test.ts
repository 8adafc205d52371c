import { describe, expect, it } from "vitest";
import { classifySave, retryDelayMs } from "@/lib/quiz/autosave-policy";

describe("autosave outcomes: retry everything that decided nothing, stop only on a final answer", () => {
  it("classifies results", () => {
    expect(classifySave(null)).toBe("retry");
    expect(classifySave({ ok: true, data: { savedAt: "x" } })).toBe("stored");
    for (const code of ["internal", "overloaded", "rate_limited"] as const) expect(classifySave({ ok: false, error: "e", code })).toBe("retry");
    for (const code of ["closed", "time_up"] as const) expect(classifySave({ ok: false, error: "e", code })).toBe("over");
    for (const code of ["invalid", "navigation", "not_found"] as const) expect(classifySave({ ok: false, error: "e", code })).toBe("refused");
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
