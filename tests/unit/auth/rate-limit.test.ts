// The sign-in throttling rules: per-IP lock after 20 failures in 15 minutes; per-account exponential delay after 5.
import { describe, expect, it } from "vitest";
import {
  LOGIN_LIMITS,
  accountDelayMs,
  afterFailure,
  describeWait,
  isLocked,
  type ThrottleKind,
  type ThrottleState,
} from "@/lib/auth/rate-limit";

const t0 = new Date("2026-01-01T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
const free = LOGIN_LIMITS.freeAccountFailures;

function failTimes(n: number, kind: ThrottleKind, stepMs = 1000, start: ThrottleState | null = null): ThrottleState | null {
  let state = start;
  for (let i = 0; i < n; i++) state = afterFailure(state, at(i * stepMs), kind);
  return state;
}

describe("accountDelayMs", () => {
  it.each([
    [0, 0],
    [free - 1, 0],
    [free, 1000],
    [free + 1, 2000],
    [free + 2, 4000],
    [free + 9, 512_000],
    [free + 10, LOGIN_LIMITS.accountMaxDelayMs], // 1024 s would pass the 15-minute cap
    [free + 1000, LOGIN_LIMITS.accountMaxDelayMs],
  ])("after %i failures waits %i ms", (failures, ms) => {
    expect(accountDelayMs(failures)).toBe(ms);
  });
});

describe("afterFailure, per account", () => {
  it("starts a window at the first failure, with no delay", () => {
    expect(afterFailure(null, t0, "account")).toEqual({ failures: 1, windowStart: t0, lockedUntil: null });
  });

  it(`lets ${free - 1} failures through without a delay`, () => {
    const state = failTimes(free - 1, "account")!;
    expect(state.lockedUntil).toBeNull();
  });

  it(`delays from failure ${free} on, doubling each time, measured from the last failure`, () => {
    for (const n of [free, free + 1, free + 4]) {
      const state = failTimes(n, "account")!;
      const last = at((n - 1) * 1000);
      expect(state.lockedUntil).toEqual(new Date(last.getTime() + accountDelayMs(n)));
    }
  });

  it("remembers failures for a day from the first, then starts over", () => {
    const state = failTimes(free + 2, "account", 60_000)!;
    expect(state.windowStart).toEqual(t0);
    expect(afterFailure(state, at(LOGIN_LIMITS.accountWindowMs - 1), "account").failures).toBe(free + 3);
    expect(afterFailure(state, at(LOGIN_LIMITS.accountWindowMs), "account")).toEqual({
      failures: 1,
      windowStart: at(LOGIN_LIMITS.accountWindowMs),
      lockedUntil: null,
    });
  });
});

describe("afterFailure, per IP", () => {
  it(`locks on failure ${LOGIN_LIMITS.perIp} for ${LOGIN_LIMITS.ipLockMs / 60_000} minutes, not before`, () => {
    expect(failTimes(LOGIN_LIMITS.perIp - 1, "ip", 1)!.lockedUntil).toBeNull();
    const state = failTimes(LOGIN_LIMITS.perIp, "ip", 1)!;
    expect(state.lockedUntil).toEqual(new Date(at(LOGIN_LIMITS.perIp - 1).getTime() + LOGIN_LIMITS.ipLockMs));
  });

  it("starts over once the 15-minute window has passed (failures spread out never lock)", () => {
    const early = failTimes(LOGIN_LIMITS.perIp - 1, "ip")!;
    const later = afterFailure(early, at(LOGIN_LIMITS.ipWindowMs), "ip");
    expect(later).toEqual({ failures: 1, windowStart: at(LOGIN_LIMITS.ipWindowMs), lockedUntil: null });
  });
});

describe("isLocked", () => {
  it("is null with no state or no lock", () => {
    expect(isLocked(null, t0)).toBeNull();
    expect(isLocked({ failures: 2, windowStart: t0, lockedUntil: null }, t0)).toBeNull();
  });

  it("returns the time it may be tried again while that is ahead, and null from that moment on", () => {
    const until = at(4000);
    const state = { failures: free + 2, windowStart: t0, lockedUntil: until };
    expect(isLocked(state, at(1))).toEqual(until);
    expect(isLocked(state, until)).toBeNull();
  });
});

describe("describeWait", () => {
  it.each([
    [1, "1 second"],
    [400, "1 second"],
    [4000, "4 seconds"],
    [59_001, "1 minute"],
    [60_000, "1 minute"],
    [512_000, "9 minutes"],
    [LOGIN_LIMITS.accountMaxDelayMs, "15 minutes"],
    [-5000, "1 second"],
  ])("%i ms → %s", (ms, words) => {
    expect(describeWait(at(ms), t0)).toBe(words);
  });
});
