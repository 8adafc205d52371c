// Owns one number: how late this process's event loop runs right now. Work that can wait (a class's start burst)
// checks it before it begins, so the work that cannot (autosaves, which a learner is waiting on) keeps its latency
// when the CPU is the bottleneck. Queue and pool limits cannot do that: a burst can saturate the CPU while every
// queue is within bounds, and then every request, urgent or not, waits its turn behind the ready work.
//
// How: a timer asks to run every TICK_MS and notes how late it ran. The figure rises at once with a late tick and
// falls back gradually (half-life of a few ticks), so one quiet tick in a busy second does not read as "idle".

const TICK_MS = 10;
const DECAY = 0.7;

let lagMs = 0;
let running = false;

function tick(expectedAt: number): void {
  const now = performance.now();
  const late = Math.max(0, now - expectedAt);
  lagMs = late >= lagMs ? late : lagMs * DECAY + late * (1 - DECAY);
  const timer = setTimeout(() => tick(now + TICK_MS), TICK_MS);
  timer.unref?.();
}

/** How many milliseconds late this event loop is running now (0 when idle). Starts measuring on first call. */
export function eventLoopLagMs(): number {
  if (!running) {
    running = true;
    const timer = setTimeout(() => tick(performance.now() + TICK_MS), TICK_MS);
    timer.unref?.();
  }
  return lagMs;
}
