// Owns the periodic overdue-attempt sweep started by instrumentation.ts.
import { unsafeSweepOverdueAttempts } from "./attempts";

const SWEEP_EVERY_MS = 60_000;

declare global {
  // On globalThis so a dev reload never starts a second timer.
  var __koza_sweep: ReturnType<typeof setInterval> | undefined;
}

export function startOverdueSweep(): void {
  if (globalThis.__koza_sweep) return;
  const timer = setInterval(() => {
    unsafeSweepOverdueAttempts().catch((error: unknown) => console.error("[sweep] overdue attempts:", error));
  }, SWEEP_EVERY_MS);
  timer.unref?.();
  globalThis.__koza_sweep = timer;
}
