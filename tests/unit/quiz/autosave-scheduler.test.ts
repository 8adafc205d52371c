// The attempt page's autosave on fake timers: debounce, ordering by sequence number, retries until the server
// decides, a newer edit taking over, "the attempt is over", and the flush before submit.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/result-shape";
import { AutosaveScheduler, DEBOUNCE_MS, FLUSH_WAIT_MS, type SaveState } from "@/lib/quiz/autosave-scheduler";

type Call = { position: number; value: string; seq: number; answer: (result: ActionResult<unknown> | Error) => void };

/** A scheduler whose saves wait until the test answers them, with every event it reported. */
function harness(clock = () => 1_000) {
  const calls: Call[] = [];
  const states: [number, SaveState, string?][] = [];
  const over: string[] = [];
  const scheduler = new AutosaveScheduler<string>({
    save: (position, value, seq) =>
      new Promise((resolve, reject) => {
        calls.push({ position, value, seq, answer: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      }),
    onState: (position, state, error) => states.push(error === undefined ? [position, state] : [position, state, error]),
    onOver: (error) => over.push(error),
    now: clock,
  });
  return { scheduler, calls, states, over };
}

const stored: ActionResult<unknown> = { ok: true, data: { savedAt: "2026-12-01T00:00:00.000Z" } };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AutosaveScheduler", () => {
  it("sends a choice at once, and typing only once it pauses, with the last text", async () => {
    const { scheduler, calls, states } = harness();
    scheduler.edit(0, "B");
    expect(calls.map((c) => [c.position, c.value])).toEqual([[0, "B"]]);

    scheduler.edit(1, "1", { debounce: true });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    scheduler.edit(1, "19", { debounce: true });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    scheduler.edit(1, "1985", { debounce: true });
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS - 1);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => [c.position, c.value])).toEqual([
      [0, "B"],
      [1, "1985"],
    ]);

    calls[1].answer(stored);
    await vi.advanceTimersByTimeAsync(0);
    expect(states).toEqual([
      [0, "saving"],
      [1, "saving"],
      [1, "saved"],
    ]);
    expect(scheduler.unsentPositions()).toEqual([0]);
  });

  it("numbers edits strictly upwards even within one millisecond, from the clock", () => {
    const { scheduler, calls } = harness(() => 5_000);
    scheduler.edit(0, "A");
    scheduler.edit(0, "B");
    scheduler.edit(3, "C");
    expect(calls.map((c) => c.seq)).toEqual([5_000, 5_001, 5_002]);
  });

  it("retries what decided nothing (offline, busy, a server error) with the same sequence number until stored", async () => {
    const { scheduler, calls, states } = harness();
    scheduler.edit(2, "yes");
    calls[0].answer(new Error("offline"));
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual([2, "saving"]);
    expect(calls).toHaveLength(1);

    await vi.advanceTimersByTimeAsync(1_250); // the first backoff is 0.75–1.25 s
    expect(calls).toHaveLength(2);
    expect(states.at(-1)).toEqual([2, "retrying"]);

    calls[1].answer({ ok: false, error: "Busy.", code: "overloaded", retryAfterSeconds: 7 });
    await vi.advanceTimersByTimeAsync(6_999);
    expect(calls).toHaveLength(2); // the server asked for 7 seconds
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(3);

    calls[2].answer({ ok: false, error: "Something went wrong.", code: "internal" });
    await vi.advanceTimersByTimeAsync(15_000 * 1.25);
    expect(calls).toHaveLength(4);
    calls[3].answer(stored);
    await vi.advanceTimersByTimeAsync(0);

    expect(new Set(calls.map((c) => c.seq)).size).toBe(1);
    expect(states.at(-1)).toEqual([2, "saved"]);
    expect(scheduler.unsentPositions()).toEqual([]);
  });

  it("drops the retries of an older edit once a newer one exists", async () => {
    const { scheduler, calls, states } = harness();
    scheduler.edit(0, "A");
    calls[0].answer(new Error("offline"));
    await vi.advanceTimersByTimeAsync(0);
    scheduler.edit(0, "B");
    calls[1].answer(stored);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.map((c) => c.value)).toEqual(["A", "B"]);
    expect(states.at(-1)).toEqual([0, "saved"]);
  });

  it("does not mark a question saved when an older edit is stored after a newer one was made", async () => {
    const { scheduler, calls, states } = harness();
    scheduler.edit(0, "A");
    scheduler.edit(0, "B");
    calls[0].answer(stored);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.filter(([, s]) => s === "saved")).toEqual([]);
    expect(scheduler.unsentPositions()).toEqual([0]);
    calls[1].answer(stored);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual([0, "saved"]);
    expect(scheduler.unsentPositions()).toEqual([]);
  });

  it("shows a final refusal on its question and stops retrying it", async () => {
    const { scheduler, calls, states } = harness();
    scheduler.edit(1, "x");
    calls[0].answer({ ok: false, error: "That answer could not be read; it was not saved.", code: "invalid" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(1);
    expect(states.at(-1)).toEqual([1, "rejected", "That answer could not be read; it was not saved."]);
    expect(scheduler.unsentPositions()).toEqual([1]);
  });

  it("stops everything when the server says the attempt is over, by its code", async () => {
    const { scheduler, calls, over } = harness();
    scheduler.edit(0, "A");
    scheduler.edit(1, "B");
    calls[0].answer({ ok: false, error: "Time is up: the attempt was submitted.", code: "time_up" });
    calls[1].answer(new Error("offline"));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(over).toEqual(["Time is up: the attempt was submitted."]);
    expect(scheduler.stopped).toBe(true);
    expect(calls).toHaveLength(2); // the retry of question 1 was not sent
    scheduler.edit(2, "C");
    expect(calls).toHaveLength(2);
  });

  it("flush sends debounced typing at once and is true when every save has settled", async () => {
    const { scheduler, calls } = harness();
    scheduler.edit(0, "Plaza", { debounce: true });
    expect(calls).toHaveLength(0);
    const flushed = scheduler.flush();
    expect(calls.map((c) => c.value)).toEqual(["Plaza"]);
    calls[0].answer(stored);
    await expect(flushed).resolves.toBe(true);
    await vi.advanceTimersByTimeAsync(DEBOUNCE_MS);
    expect(calls).toHaveLength(1); // the debounce timer was cancelled, not sent twice
  });

  it("flush gives up after its wait while a save is still retrying, and says which question is unsent", async () => {
    const { scheduler, calls } = harness();
    scheduler.edit(3, "x");
    calls[0].answer(new Error("offline"));
    let settled: boolean | undefined;
    void scheduler.flush().then((v) => (settled = v));
    await vi.advanceTimersByTimeAsync(FLUSH_WAIT_MS - 1);
    expect(settled).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(false);
    expect(scheduler.unsentPositions()).toEqual([3]);
  });
});
