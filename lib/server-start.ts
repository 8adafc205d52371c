// Runs once when a Node.js server instance starts (from instrumentation.ts): a misconfigured environment stops it
// with the one sentence that names the variable; otherwise the periodic sweep of overdue attempts starts.
import { EnvError, readEnv } from "./env";

export async function startServer(): Promise<void> {
  let sweepDisabled: boolean;
  try {
    sweepDisabled = readEnv().KOZA_DISABLE_SWEEP;
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(`koza: ${error.message}`);
    process.exit(1);
  }
  if (sweepDisabled) return;
  const { startOverdueSweep } = await import("./dal/sweep");
  startOverdueSweep();
  // LTI grade passback: retries what is due (an enqueue also starts a pass at once).
  const { startScoreSyncWorker } = await import("./dal/lti/scores");
  startScoreSyncWorker();
}
