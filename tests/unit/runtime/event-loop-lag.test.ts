import { describe, expect, it } from "vitest";
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
