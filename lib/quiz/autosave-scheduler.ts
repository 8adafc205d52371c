// Owns when an attempt's answers are sent: a debounce per question, strictly increasing sequence numbers, retries
// until the server decides (autosave-policy.ts says what decides), and a flush before submit. Plain TypeScript with
// injected save and clock, so it is unit-tested on fake timers; the page's useAutosave hook renders what it reports.
import type { ActionResult } from "@/lib/actions/result-shape";
import { classifySave, retryDelayMs } from "./autosave-policy";

export type SaveState = "idle" | "saving" | "saved" | "retrying" | "rejected";

/** Typing pauses this long before its answer is sent (choices are sent at once). */
export const DEBOUNCE_MS = 600;
/** How long submit waits for pending saves before saying which answers are not saved yet. */
export const FLUSH_WAIT_MS = 20_000;

export type AutosaveOptions<V> = {
  /** Sends one answer; the same sequence number on a retry makes it idempotent on the server. May throw (offline). */
  save: (position: number, value: V, seq: number) => Promise<ActionResult<unknown>>;
  /** A question's save state changed; `error` is the refusal's sentence when "rejected". */
  onState: (position: number, state: SaveState, error?: string) => void;
  /** The server says the attempt is over (submitted, time up): nothing more is sent. */
  onOver: (error: string) => void;
  debounceMs?: number;
  /** Milliseconds since the epoch (sequence numbers start from it, so they outrank those of an earlier page load). */
  now?: () => number;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class AutosaveScheduler<V> {
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();
  /** Sends not yet settled (stored, over or refused), per question. */
  private readonly inFlight = new Map<number, Promise<void>>();
  /** The newest edit per question: a save or retry for an older edit stops once a newer one exists. */
  private readonly latest = new Map<number, { value: V; seq: number }>();
  /** Questions whose newest edit the server has not stored (debounced, sending, retrying or refused). */
  private readonly unsent = new Set<number>();
  private lastSeq = 0;
  private over = false;

  constructor(private readonly options: AutosaveOptions<V>) {}

  /** True once the attempt is over (the server said so, or the page stopped saving to submit). */
  get stopped(): boolean {
    return this.over;
  }

  /** Sends nothing more: the attempt is being submitted or is over. */
  stop(): void {
    this.over = true;
  }

  /** Records an edit and sends it now, or after the debounce while typing; returns its sequence number. */
  edit(position: number, value: V, { debounce = false }: { debounce?: boolean } = {}): number {
    // Strictly increasing, even within one millisecond: a later edit always outranks an earlier one.
    const seq = (this.lastSeq = Math.max((this.options.now ?? Date.now)(), this.lastSeq + 1));
    this.latest.set(position, { value, seq });
    this.unsent.add(position);
    const pending = this.timers.get(position);
    if (pending) clearTimeout(pending);
    this.timers.delete(position);
    const fire = () => {
      this.timers.delete(position);
      this.startSend(position, value, seq);
    };
    if (debounce) this.timers.set(position, setTimeout(fire, this.options.debounceMs ?? DEBOUNCE_MS));
    else fire();
    return seq;
  }

  /** Sends every debounced edit now and waits (up to `waitMs`) for all saves in flight; true when all have settled. */
  flush(waitMs = FLUSH_WAIT_MS): Promise<boolean> {
    for (const [position, timer] of this.timers) {
      clearTimeout(timer);
      this.timers.delete(position);
      const edit = this.latest.get(position);
      if (edit) this.startSend(position, edit.value, edit.seq);
    }
    return Promise.race([Promise.all(this.inFlight.values()).then(() => true), sleep(waitMs).then(() => false)]);
  }

  /** Questions whose newest answer the server does not have yet, in order. */
  unsentPositions(): number[] {
    return [...this.unsent].sort((a, b) => a - b);
  }

  private startSend(position: number, value: V, seq: number): void {
    const sending = this.send(position, value, seq).finally(() => {
      if (this.inFlight.get(position) === sending) this.inFlight.delete(position);
    });
    this.inFlight.set(position, sending);
  }

  /**
   * Saves one edit until it is stored or the attempt is over: every failure that decides nothing (no connection, a
   * 5xx, "busy", "too many requests", an unexpected server error) is retried with backoff, honouring the server's
   * Retry-After. Only a final refusal stops it, or a newer edit of the same question, which takes over.
   */
  private async send(position: number, value: V, seq: number): Promise<void> {
    for (let attemptNo = 0; ; attemptNo++) {
      if (this.over || (this.latest.get(position)?.seq ?? seq) !== seq) return;
      this.options.onState(position, attemptNo === 0 ? "saving" : "retrying");
      let result: ActionResult<unknown> | null;
      try {
        result = await this.options.save(position, value, seq);
      } catch {
        result = null;
      }
      const outcome = classifySave(result);
      if (outcome === "retry") {
        await sleep(retryDelayMs(attemptNo, result && !result.ok ? result.retryAfterSeconds : undefined));
        continue;
      }
      if (outcome === "stored") {
        if (this.latest.get(position)?.seq === seq) {
          this.unsent.delete(position);
          this.options.onState(position, "saved");
        }
        return;
      }
      const error = result && !result.ok ? result.error : "";
      if (outcome === "over") {
        this.over = true;
        this.options.onOver(error);
      } else this.options.onState(position, "rejected", error);
      return;
    }
  }
}
