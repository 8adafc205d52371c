// The sign-in throttling rule: failures count within a window from the first failure; the limit-th one locks.
import { describe, expect, it } from "vitest";
import { LOGIN_LIMITS, afterFailure, isLocked, type ThrottleState } from "@/lib/auth/rate-limit";

const t0 = new Date("2026-01-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const limit = LOGIN_LIMITS.perEmail;

function failTimes(n: number, stepMs = 1000, start: ThrottleState | null = null): ThrottleState | null {
  let state = start;
  for (let i = 0; i < n; i++) state = afterFailure(state, at(i * stepMs), limit);
  return state;
}

describe("afterFailure", () => {
  it("starts a window at the first failure", () => {
    expect(afterFailure(null, t0, limit)).toEqual({ failures: 1, windowStart: t0, lockedUntil: null });
  });

  it("does not lock before the limit", () => {
    const state = failTimes(limit - 1)!;
    expect(state.failures).toBe(limit - 1);
    expect(state.lockedUntil).toBeNull();
    expect(isLocked(state, at(limit * 1000))).toBeNull();
  });

  it(`locks on failure number ${limit} for ${LOGIN_LIMITS.lockMs / 60_000} minutes`, () => {
    const state = failTimes(limit)!;
    const lastAt = at((limit - 1) * 1000);
    expect(state.failures).toBe(limit);
    expect(state.lockedUntil).toEqual(new Date(lastAt.getTime() + LOGIN_LIMITS.lockMs));
  });

  it("keeps the window start while failures accumulate inside it", () => {
    expect(failTimes(3, 60_000)!.windowStart).toEqual(t0);
  });

  it("starts over once the window has passed (failures spread out never lock)", () => {
    const early = failTimes(limit - 1)!;
    const later = afterFailure(early, at(LOGIN_LIMITS.windowMs), limit);
    expect(later).toEqual({ failures: 1, windowStart: at(LOGIN_LIMITS.windowMs), lockedUntil: null });
  });

  it("uses the per-IP limit when given it", () => {
    let state: ThrottleState | null = null;
    for (let i = 0; i < LOGIN_LIMITS.perIp - 1; i++) state = afterFailure(state, at(i), LOGIN_LIMITS.perIp);
    expect(state!.lockedUntil).toBeNull();
    expect(afterFailure(state, at(LOGIN_LIMITS.perIp), LOGIN_LIMITS.perIp).lockedUntil).not.toBeNull();
  });
});

describe("isLocked", () => {
  it("is null with no state or no lock", () => {
    expect(isLocked(null, t0)).toBeNull();
    expect(isLocked({ failures: 2, windowStart: t0, lockedUntil: null }, t0)).toBeNull();
  });

  it("returns the unlock time while locked, and null from that moment on", () => {
    const until = at(LOGIN_LIMITS.lockMs);
    const state = { failures: limit, windowStart: t0, lockedUntil: until };
    expect(isLocked(state, at(1))).toEqual(until);
    expect(isLocked(state, until)).toBeNull();
    expect(isLocked(state, at(LOGIN_LIMITS.lockMs + 1))).toBeNull();
  });
});
