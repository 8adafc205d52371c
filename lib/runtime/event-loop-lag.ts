// Owns one number: how late this process's event loop runs right now. Work that can wait (a class's start burst)
// checks it before it begins, so the work that cannot (autosaves, which a learner is waiting on) keeps its latency
// when the CPU is the bottleneck. Queue and pool limits cannot do that: a burst can saturate the CPU while every
// queue is within bounds, and then every request, urgent or not, waits its turn behind the ready work.
//
// How: a timer asks to run every TICK_MS and notes how late it ran. The figure rises at once with a late tick and
// falls back gradually (half-life of a few ticks), so one quiet tick in a busy second does not read as "idle".
// The timer runs only while someone asks: IDLE_STOP_MS after the last question it stops, so a server between bursts
// does not wake a hundred times a second (that cost an idle instance 14-26 ms of CPU per second); the next question
// starts it again, and until its first tick the answer is 0, which is right for a loop that had nothing to do.

const TICK_MS = 10;
const DECAY = 0.7;
export const IDLE_STOP_MS = 5_000;

let lagMs = 0;
let running = false;
let lastAskedAt = 0;

function schedule(expectedAt: number): void {
  const timer = setTimeout(() => tick(expectedAt), expectedAt - performance.now());
  timer.unref?.();
}

function tick(expectedAt: number): void {
  const now = performance.now();
  const late = Math.max(0, now - expectedAt);
  lagMs = late >= lagMs ? late : lagMs * DECAY + late * (1 - DECAY);
  if (now - lastAskedAt > IDLE_STOP_MS) {
    running = false;
    lagMs = 0;
    return;
  }
  schedule(now + TICK_MS);
}

/** How many milliseconds late this event loop is running now (0 when idle). Measures while it is being asked. */
export function eventLoopLagMs(): number {
  lastAskedAt = performance.now();
  if (!running) {
    running = true;
    schedule(lastAskedAt + TICK_MS);
  }
  return lagMs;
}

/** Whether the timer is running (for tests: it must stop when nobody asks). */
export function isMeasuringLag(): boolean {
  return running;
}
