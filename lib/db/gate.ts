// Owns load shedding in front of the connection pool: a bounded number of operations run at once, a bounded number
// wait, and the rest are refused at once with "busy, retry after N s" instead of timing out inside a transaction.
//
// Why: when a whole class autosaves at once, unbounded waiting for a pooled connection ends in Prisma P2028 errors
// after the answer was already accepted by the page. Refusing early and explicitly lets the page keep the answer and
// retry it, so nothing is lost and the database keeps working at full speed on what it admitted.

export class GateBusyError extends Error {
  name = "GateBusyError";
  constructor(readonly retryAfterSeconds: number) {
    super("busy");
  }
}

export type GateOptions = {
  /** Operations running at once (about the pool size: more would only queue inside the pool). */
  maxRunning: number;
  /** Operations allowed to wait for a slot; one more is refused at once. */
  maxWaiting: number;
  /** A waiting operation that has not started after this long is refused (its client retries). */
  maxWaitMs: number;
  /**
   * What refused callers are told to wait before retrying: a number, or a function of how many are waiting now (so a
   * crowd can be spread over time instead of all coming back in the same second).
   */
  retryAfterSeconds: number | ((waiting: number) => number);
  /**
   * Low-priority work only: while this says no, a free slot is left free and waiters keep waiting (still bounded by
   * maxWaitMs), so more urgent work that does not pass through this gate runs first. Checked again every
   * ADMIT_POLL_MS while anything waits.
   */
  admitWhen?: () => boolean;
};

const ADMIT_POLL_MS = 10;

export type Gate = {
  run<T>(operation: () => Promise<T>): Promise<T>;
  readonly stats: { running: number; waiting: number; refused: number };
};

export function createGate(options: GateOptions): Gate {
  let running = 0;
  let refused = 0;
  const waiting: { start: () => void; timer: ReturnType<typeof setTimeout> }[] = [];
  const admits = () => options.admitWhen?.() ?? true;
  let poll: ReturnType<typeof setTimeout> | null = null;

  /** Starts waiters while there is a free slot and the gate admits; when only `admitWhen` holds them, looks again soon. */
  const pump = () => {
    while (waiting.length > 0 && running < options.maxRunning && admits()) {
      const next = waiting.shift()!;
      clearTimeout(next.timer);
      running += 1;
      next.start();
    }
    if (waiting.length > 0 && running < options.maxRunning && poll === null) {
      poll = setTimeout(() => {
        poll = null;
        pump();
      }, ADMIT_POLL_MS);
      poll.unref?.();
    }
  };

  const release = () => {
    running -= 1;
    pump();
  };

  const refuse = () => {
    refused += 1;
    const after = options.retryAfterSeconds;
    return new GateBusyError(typeof after === "number" ? after : after(waiting.length));
  };

  return {
    get stats() {
      return { running, waiting: waiting.length, refused };
    },
    async run<T>(operation: () => Promise<T>): Promise<T> {
      if (running < options.maxRunning && waiting.length === 0 && admits()) running += 1;
      else {
        if (waiting.length >= options.maxWaiting) throw refuse();
        await new Promise<void>((resolve, reject) => {
          const entry = {
            start: resolve,
            timer: setTimeout(() => {
              const i = waiting.indexOf(entry);
              if (i >= 0) waiting.splice(i, 1);
              reject(refuse());
            }, options.maxWaitMs),
          };
          waiting.push(entry);
          pump();
        });
      }
      try {
        return await operation();
      } finally {
        release();
      }
    },
  };
}
