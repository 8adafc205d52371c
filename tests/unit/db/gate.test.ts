import { describe, expect, it } from "vitest";
import { createGate, GateBusyError } from "@/lib/db/gate";

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};

describe("createGate: bounded running and waiting, the rest refused at once", () => {
  it("runs up to maxRunning at once, queues up to maxWaiting, refuses beyond with the retry wait", async () => {
    const gate = createGate({ maxRunning: 2, maxWaiting: 1, maxWaitMs: 10_000, retryAfterSeconds: 3 });
    const blockers = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const runs = blockers.map((b, i) =>
      gate.run(async () => {
        started.push(i);
        await b.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(gate.stats).toMatchObject({ running: 2, waiting: 1 });
    await expect(gate.run(async () => "x")).rejects.toEqual(new GateBusyError(3));
    blockers[0]!.resolve();
    await runs[0];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    blockers[1]!.resolve();
    blockers[2]!.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(gate.stats).toEqual({ running: 0, waiting: 0, refused: 1 });
  });

  it("refuses a waiter that did not start within maxWaitMs, and frees its place", async () => {
    const gate = createGate({ maxRunning: 1, maxWaiting: 5, maxWaitMs: 20, retryAfterSeconds: 1 });
    const hold = deferred();
    const first = gate.run(() => hold.promise);
    await expect(gate.run(async () => "late")).rejects.toBeInstanceOf(GateBusyError);
    expect(gate.stats.waiting).toBe(0);
    hold.resolve();
    await first;
    expect(await gate.run(async () => "next")).toBe("next");
  });

  it("releases its slot when the operation throws", async () => {
    const gate = createGate({ maxRunning: 1, maxWaiting: 0, maxWaitMs: 10, retryAfterSeconds: 1 });
    await expect(
      gate.run(async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await gate.run(async () => 1)).toBe(1);
  });

  it("tells refused callers a wait that grows with the queue, when given a function of it", async () => {
    const gate = createGate({ maxRunning: 1, maxWaiting: 2, maxWaitMs: 1_000, retryAfterSeconds: (waiting) => 10 + waiting });
    const hold = deferred();
    const runs = [gate.run(() => hold.promise), gate.run(async () => 1), gate.run(async () => 2)];
    const refused = await gate.run(async () => 3).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GateBusyError);
    expect((refused as GateBusyError).retryAfterSeconds).toBe(12);
    hold.resolve();
    await Promise.all(runs);
  });

  it("leaves a free slot free while admitWhen says no, keeps arrivals in order, and starts them once it says yes", async () => {
    let admit = false;
    const gate = createGate({ maxRunning: 2, maxWaiting: 10, maxWaitMs: 5_000, retryAfterSeconds: 1, admitWhen: () => admit });
    const started: number[] = [];
    const runs = [0, 1, 2].map((i) =>
      gate.run(async () => {
        started.push(i);
        return i;
      }),
    );
    await new Promise((r) => setTimeout(r, 30));
    expect(started).toEqual([]);
    expect(gate.stats).toMatchObject({ running: 0, waiting: 3 });
    admit = true;
    expect(await Promise.all(runs)).toEqual([0, 1, 2]);
    expect(started).toEqual([0, 1, 2]);
  });

  it("still refuses a held waiter after maxWaitMs, so a caller is never held forever", async () => {
    const gate = createGate({ maxRunning: 1, maxWaiting: 10, maxWaitMs: 20, retryAfterSeconds: 4, admitWhen: () => false });
    await expect(gate.run(async () => 1)).rejects.toEqual(new GateBusyError(4));
    expect(gate.stats).toMatchObject({ running: 0, waiting: 0, refused: 1 });
  });
});
