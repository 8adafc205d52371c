// Runs once when a server instance starts: a periodic sweep that finishes overdue attempts (graded on what was saved),
// so an abandoned timed attempt is closed even if nobody opens it again. Every instance may run it: finishing is an
// atomic status flip, so an attempt is graded once however many sweeps race for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { EnvError, readEnv } = await import("./lib/env");
  let sweepDisabled: boolean;
  try {
    sweepDisabled = readEnv().KOZA_DISABLE_SWEEP;
  } catch (error) {
    // A misconfigured instance refuses to start, with the one sentence that names the variable.
    if (!(error instanceof EnvError)) throw error;
    console.error(`koza: ${error.message}`);
    process.exit(1);
  }
  if (sweepDisabled) return;
  const { startOverdueSweep } = await import("./lib/dal/sweep");
  startOverdueSweep();
}
