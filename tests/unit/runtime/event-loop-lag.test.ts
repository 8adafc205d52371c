import { describe, expect, it, vi } from "vitest";
import { eventLoopLagMs } from "@/lib/runtime/event-loop-lag";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("eventLoopLagMs: how late the event loop runs, so deferrable work can yield", () => {
  it("reads near zero when idle, rises when the loop is blocked, and falls back once it is free", async () => {
    eventLoopLagMs();
    await sleep(100);
    const idle = eventLoopLagMs();
    // Block the loop as a burst of synchronous work would.
    const until = performance.now() + 120;
    while (performance.now() < until);
    await sleep(15);
    const busy = eventLoopLagMs();
    expect(busy).toBeGreaterThan(60);
    expect(busy).toBeGreaterThan(idle);
    await sleep(400);
    expect(eventLoopLagMs()).toBeLessThan(busy / 4);
  });
});

describe("eventLoopLagMs when nobody asks", () => {
  it("stops its timer a few seconds after the last question, and starts it again on the next", async () => {
    vi.resetModules();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] });
    try {
      const lag = await import("@/lib/runtime/event-loop-lag");
      expect(lag.isMeasuringLag()).toBe(false);
      lag.eventLoopLagMs();
      expect(lag.isMeasuringLag()).toBe(true);
      await vi.advanceTimersByTimeAsync(lag.IDLE_STOP_MS / 2);
      lag.eventLoopLagMs(); // still being asked: keeps measuring
      await vi.advanceTimersByTimeAsync(lag.IDLE_STOP_MS / 2 + 100);
      expect(lag.isMeasuringLag()).toBe(true);
      await vi.advanceTimersByTimeAsync(lag.IDLE_STOP_MS);
      expect(lag.isMeasuringLag()).toBe(false);
      expect(vi.getTimerCount()).toBe(0); // an idle server has no timer waking it
      expect(lag.eventLoopLagMs()).toBe(0);
      expect(lag.isMeasuringLag()).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
