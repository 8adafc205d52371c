import { describe, expect, it } from "vitest";
import { createLocalLimiter } from "@/lib/auth/local-rate-limit";
import type { RequestLimit } from "@/lib/auth/request-limits";

const rule: RequestLimit = { name: "test", limit: 3, windowMs: 10_000, message: (w) => `wait ${w}` };
const t0 = new Date("2026-03-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

describe("in-memory request limit (autosave)", () => {
  it("counts in a fixed window per subject and starts a fresh window once it has ended", () => {
    const limiter = createLocalLimiter(rule);
    for (let i = 0; i < 3; i++) expect(limiter.hit("u1", at(i * 1000))).toEqual({ ok: true });
    expect(limiter.hit("u1", at(4_000))).toEqual({ ok: false, retryAfterSeconds: 6, message: "wait 6 seconds" });
    expect(limiter.hit("u2", at(4_000))).toEqual({ ok: true });
    expect(limiter.hit("u1", at(9_999))).toMatchObject({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.hit("u1", at(10_000))).toEqual({ ok: true });
    expect(limiter.hit("u1", at(10_001))).toEqual({ ok: true });
  });

  it("keeps at most maxKeys subjects, dropping the oldest window first (memory stays bounded under many learners)", () => {
    const limiter = createLocalLimiter({ ...rule, limit: 1 }, 2);
    expect(limiter.hit("a", at(0))).toEqual({ ok: true });
    expect(limiter.hit("b", at(1))).toEqual({ ok: true });
    expect(limiter.hit("a", at(2)).ok).toBe(false); // a is still counted
    expect(limiter.hit("c", at(3))).toEqual({ ok: true }); // evicts a, the oldest window
    expect(limiter.hit("a", at(4))).toEqual({ ok: true }); // a starts over (evicting b)
    expect(limiter.hit("c", at(5)).ok).toBe(false);
  });
});
