// Owns the periodic overdue-attempt sweep started by instrumentation.ts.
import { unsafeSweepOverdueAttempts } from "./attempts";

const SWEEP_EVERY_MS = 60_000;

export function startOverdueSweep(): void {
  const holder = globalThis as unknown as { __koza_sweep?: ReturnType<typeof setInterval> };
  if (holder.__koza_sweep) return;
  holder.__koza_sweep = setInterval(() => {
    unsafeSweepOverdueAttempts().catch((error: unknown) => console.error("[sweep] overdue attempts:", error));
  }, SWEEP_EVERY_MS);
  holder.__koza_sweep.unref?.();
}
